from django.urls import path

from csphub.frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.root, name="root"),
    path("home/", views.home, name="home"),
]
