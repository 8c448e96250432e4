"""Mounted at ``case-reviews/``. Public pages need no sign-in; ``staff/`` pages do."""

from __future__ import annotations

from django.urls import path

from csphub.casereviews import views

app_name = "casereviews"

urlpatterns = [
    # Public: no sign-in
    path("", views.start, name="start"),
    path("apply/", views.apply_who, name="apply_who"),
    path("apply/anonymous/", views.apply_anonymous, name="apply_anonymous"),
    path("apply/person-affected/", views.apply_victim, name="apply_victim"),
    path("apply/about-you/", views.apply_about_you, name="apply_about_you"),
    path("apply/behaviour/", views.apply_behaviour, name="apply_behaviour"),
    path("apply/check-your-answers/", views.apply_check, name="apply_check"),
    path("apply/sent/", views.apply_done, name="apply_done"),
    path("status/", views.status_request, name="status_request"),
    path("status/code/", views.status_code, name="status_code"),
    path("status/your-application/", views.status_view, name="status_view"),
    path("status/your-application/letters/<int:letter_id>/", views.status_letter, name="status_letter"),
    path(
        "status/your-application/letters/<int:letter_id>/pdf/",
        views.status_letter_pdf,
        name="status_letter_pdf",
    ),
    path("published/", views.publication_index, name="publication_index"),
    path("published/<slug:area>/<slug:year>/", views.publication, name="publication"),
    path("published/<slug:area>/<slug:year>/csv/", views.publication_csv, name="publication_csv"),
    # Staff
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/new/", views.intake, name="intake"),
    path("staff/prompts/", views.prompts, name="prompts"),
    path("staff/prompts/<int:pk>/explained/", views.prompt_explained, name="prompt_explained"),
    # Before staff/<reference>/...: "areas" is not a reference.
    path("staff/areas/", views.areas, name="areas"),
    path("staff/areas/<slug:area>/change/", views.area_change, name="area_change"),
    path("staff/areas/<slug:area>/figures/", views.figures, name="figures"),
    path("staff/areas/<slug:area>/threshold-rules/new/", views.rule_set_new, name="rule_set_new"),
    path("staff/<str:reference>/", views.detail, name="detail"),
    path("staff/<str:reference>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("staff/<str:reference>/incidents/", views.link_incidents, name="link_incidents"),
    path("staff/<str:reference>/incidents/<int:pk>/unlink/", views.unlink_incident, name="unlink_incident"),
    path("staff/<str:reference>/contact/", views.spoc_change, name="spoc_change"),
    path("staff/<str:reference>/threshold/", views.threshold, name="threshold"),
    path("staff/<str:reference>/review/", views.review, name="review"),
    path("staff/<str:reference>/recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path("staff/<str:reference>/letters/send/<slug:kind>/", views.letter_send, name="letter_send"),
    path("staff/<str:reference>/letters/<int:pk>/", views.letter, name="letter"),
    path("staff/<str:reference>/letters/<int:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
    path(
        "staff/<str:reference>/recommendations/<int:pk>/done/",
        views.recommendation_done,
        name="recommendation_done",
    ),
    path("staff/<str:reference>/close/", views.close, name="close"),
    path("staff/<str:reference>/appeal/", views.appeal_lodge, name="appeal_lodge"),
    path("staff/<str:reference>/appeal/decision/", views.appeal_decide, name="appeal_decide"),
]
