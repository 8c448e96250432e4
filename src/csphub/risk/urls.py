from django.urls import path

from csphub.risk import views

app_name = "risk"

urlpatterns = [
    path("case/<int:case_pk>/", views.case_assessments, name="case_assessments"),
    path("case/<int:case_pk>/new/<int:questionnaire_pk>/", views.assessment_new, name="assessment_new"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/marac-referral/", views.marac_referral_new, name="marac_referral_new"),
    path("marac-referral/<int:pk>/outcome/", views.marac_outcome, name="marac_outcome"),
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
]
