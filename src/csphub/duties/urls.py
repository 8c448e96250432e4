from django.urls import path

from csphub.duties.views import prevent, slavery

app_name = "duties"

urlpatterns = [
    path("modern-slavery/", slavery.slavery_list, name="slavery_list"),
    path("modern-slavery/new/", slavery.slavery_new, name="slavery_new"),
    path("modern-slavery/<int:pk>/", slavery.slavery_detail, name="slavery_detail"),
    path("modern-slavery/<int:pk>/notified/", slavery.slavery_notified, name="slavery_notified"),
    path("modern-slavery/<int:pk>/notification.csv", slavery.slavery_export, name="slavery_export"),
]

urlpatterns += [
    path("prevent/", prevent.prevent_list, name="prevent_list"),
    path("prevent/referrals/new/", prevent.referral_new, name="prevent_referral_new"),
    path("prevent/referrals/<int:pk>/", prevent.referral_detail, name="prevent_referral"),
    path("prevent/referrals/<int:pk>/screen/", prevent.referral_screen, name="prevent_referral_screen"),
    path("prevent/referrals/<int:pk>/channel/", prevent.channel_open, name="prevent_channel_open"),
    path("prevent/channel/<int:pk>/", prevent.channel_case, name="channel_case"),
    path("prevent/channel/<int:pk>/<slug:step>/", prevent.channel_step, name="channel_step"),
    path("prevent/reviews/<int:pk>/", prevent.channel_review, name="channel_review"),
]

from csphub.duties.views import partnership  # noqa: E402 - appended per register

urlpatterns += [
    path("deadlines/", partnership.deadlines_page, name="deadlines"),
    path("section-17/", partnership.s17_list, name="s17_list"),
    path("section-17/new/", partnership.s17_new, name="s17_new"),
    path("section-17a/", partnership.s17a_list, name="s17a_list"),
    path("section-17a/new/", partnership.s17a_new, name="s17a_new"),
    path("section-17a/<int:pk>/", partnership.s17a_detail, name="s17a_detail"),
    path("section-17a/<int:pk>/return.csv", partnership.s17a_export, name="s17a_export"),
    path("scrutiny/", partnership.scrutiny_list, name="scrutiny_list"),
    path("scrutiny/new/", partnership.scrutiny_new, name="scrutiny_new"),
    path("scrutiny/pack/", partnership.scrutiny_pack, name="scrutiny_pack"),
    path("scrutiny/<int:pk>/", partnership.scrutiny_detail, name="scrutiny_detail"),
    path("scrutiny/<int:pk>/respond/", partnership.scrutiny_respond, name="scrutiny_respond"),
    path("community-remedy/", partnership.remedy_list, name="remedy_list"),
    path("community-remedy/new/", partnership.remedy_new, name="remedy_new"),
    path("community-remedy/case/<int:pk>/", partnership.resolution_new, name="resolution_new"),
]

# Domestic Homicide Reviews, the Serious Violence Duty and who may open the restricted registers.
from csphub.duties.views import compartments, dhr, svd  # noqa: E402

urlpatterns += [
    path("domestic-homicide-reviews/", dhr.dhr_list, name="dhr_list"),
    path("domestic-homicide-reviews/new/", dhr.dhr_new, name="dhr_new"),
    path("domestic-homicide-reviews/<int:pk>/", dhr.dhr_detail, name="dhr_detail"),
    path(
        "domestic-homicide-reviews/<int:pk>/anonymised-report/",
        dhr.dhr_publication,
        name="dhr_publication",
    ),
    path("domestic-homicide-reviews/<int:pk>/<slug:step>/", dhr.dhr_step, name="dhr_step"),
    path("domestic-homicide-reviews/actions/<int:pk>/", dhr.dhr_action, name="dhr_action"),
    path("serious-violence/", svd.svd_overview, name="svd_overview"),
    path("serious-violence/documents/new/", svd.svd_document_new, name="svd_document_new"),
    path("serious-violence/documents/<int:pk>/", svd.svd_document, name="svd_document"),
    path(
        "serious-violence/documents/<int:pk>/publish/", svd.svd_document_publish, name="svd_document_publish"
    ),
    path("serious-violence/authorities/new/", svd.svd_authority_new, name="svd_authority_new"),
    path("restricted-registers/", compartments.compartment_list, name="compartment_list"),
    path("restricted-registers/add/", compartments.compartment_member_add, name="compartment_member_add"),
    path(
        "restricted-registers/members/<int:pk>/end/",
        compartments.compartment_member_end,
        name="compartment_member_end",
    ),
]
