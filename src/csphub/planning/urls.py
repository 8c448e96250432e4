from django.urls import include, path

from csphub.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.index, name="index"),
    path("frameworks/import/", views.framework_import, name="framework_import"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/export/", views.framework_export, name="framework_export"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/themes/<str:theme>/score/", views.sheet_new, name="sheet_new"),
    path("sessions/<int:pk>/adopt/", views.adopt, name="adopt"),
    # problem solving, partners' counts and board packs (issue 13)
    path("", include("csphub.planning.board.urls")),
]
