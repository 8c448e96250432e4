"""Included by ``planning.urls`` without a namespace of its own: the names are ``planning:…``."""

from django.urls import path

from csphub.planning.board import views

urlpatterns = [
    path("problem-solving/", views.problem_list, name="problem_list"),
    path("problem-solving/new/", views.problem_new, name="problem_new"),
    path("problem-solving/<int:pk>/", views.problem_detail, name="problem_detail"),
    path("problem-solving/<int:pk>/actions/new/", views.problem_response_new, name="problem_response_new"),
    path(
        "problem-solving/<int:pk>/actions/<int:response_pk>/status/",
        views.problem_response_status,
        name="problem_response_status",
    ),
    path("problem-solving/<int:pk>/assess/", views.problem_assess, name="problem_assess"),
    path("partner-data/", views.partner_data, name="partner_data"),
    path("partner-data/counts.csv", views.partner_data_csv, name="partner_data_csv"),
    path("partner-data/dictionary/", views.partner_dictionary, name="partner_dictionary"),
    path("partner-data/template.csv", views.partner_template, name="partner_template"),
    path("partner-data/upload/", views.partner_upload, name="partner_upload"),
    path("partner-data/uploads/<int:pk>/", views.partner_upload_detail, name="partner_upload_detail"),
    path("board-packs/", views.pack_list, name="pack_list"),
    path("board-packs/new/", views.pack_new, name="pack_new"),
    path("board-packs/<int:pk>/", views.pack_detail, name="pack_detail"),
    path("board-packs/<int:pk>/pdf/", views.pack_pdf, name="pack_pdf"),
]
