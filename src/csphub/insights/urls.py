from django.urls import path

from csphub.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.run_list, name="list"),
    path("partnerships/", views.board_overview, name="board"),
    path("<int:pk>/", views.run_detail, name="detail"),
    path("<int:pk>/report/", views.run_report, name="report"),
    path("<int:pk>/adopt/", views.run_adopt, name="adopt"),
    path("<int:pk>/files/<str:name>", views.run_file, name="file"),
]

urlpatterns += [
    path("data/", views.upload_list, name="uploads"),
    path("data/<int:pk>/", views.upload_detail, name="upload"),
    path("data/<int:pk>/progress.json", views.upload_progress, name="upload_progress"),
    path("data/<int:pk>/set-aside.csv", views.upload_quarantine, name="upload_quarantine"),
]
