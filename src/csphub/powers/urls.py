from django.urls import path

from csphub.powers import views

app_name = "powers"

urlpatterns = [
    path("case/<int:case_pk>/", views.case_powers, name="case_powers"),
    path("case/<int:case_pk>/cpw/new/", views.cpw_new, name="cpw_new"),
    path("case/<int:case_pk>/closure-notice/new/", views.closure_notice_new, name="closure_notice_new"),
    path("<int:pk>/", views.power_detail, name="detail"),
    path("<int:pk>/cpn/new/", views.cpn_new, name="cpn_new"),
    path("<int:pk>/withdraw/", views.power_withdraw, name="withdraw"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
]
