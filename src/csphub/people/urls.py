from django.urls import path

from csphub.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/change/", views.person_edit, name="edit"),
    path("<int:pk>/seen-by/", views.person_seen_by, name="seen_by"),
]
