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

# Domestic Homicide Reviews, the Serious Violence Duty and who may open the restricted registers.
from csphub.duties.views import compartments, dhr, svd  # noqa: E402

urlpatterns += [
    path("domestic-homicide-reviews/", dhr.dhr_list, name="dhr_list"),
    path("domestic-homicide-reviews/new/", dhr.dhr_new, name="dhr_new"),
    path("domestic-homicide-reviews/<int:pk>/", dhr.dhr_detail, name="dhr_detail"),
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
