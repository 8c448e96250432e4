from django.urls import path

from csphub.duties.views import slavery

app_name = "duties"

urlpatterns = [
    path("modern-slavery/", slavery.slavery_list, name="slavery_list"),
    path("modern-slavery/new/", slavery.slavery_new, name="slavery_new"),
    path("modern-slavery/<int:pk>/", slavery.slavery_detail, name="slavery_detail"),
    path("modern-slavery/<int:pk>/notified/", slavery.slavery_notified, name="slavery_notified"),
    path("modern-slavery/<int:pk>/notification.csv", slavery.slavery_export, name="slavery_export"),
]
