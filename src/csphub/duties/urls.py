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
