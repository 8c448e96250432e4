from django.urls import path

from csphub.frontend import views

app_name = "frontend"

urlpatterns = [
    path("", views.root, name="root"),
    path("home/", views.home, name="home"),
    path("help/", views.help_index, name="help"),
    path("help/glossary/", views.glossary, name="glossary"),
    path("favicon.ico", views.favicon, name="favicon"),
]
