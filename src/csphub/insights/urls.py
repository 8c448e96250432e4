from django.urls import path

from csphub.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.run_list, name="list"),
    path("<int:pk>/", views.run_detail, name="detail"),
    path("<int:pk>/report/", views.run_report, name="report"),
    path("<int:pk>/files/<str:name>", views.run_file, name="file"),
]
