from django.urls import path

from csphub.powers import views

app_name = "powers"

urlpatterns = [
    path("", views.power_list, name="list"),
    path("case/<int:case_pk>/", views.case_powers, name="case_powers"),
    path("case/<int:case_pk>/cpw/new/", views.cpw_new, name="cpw_new"),
    path("case/<int:case_pk>/closure-notice/new/", views.closure_notice_new, name="closure_notice_new"),
    path("case/<int:case_pk>/injunction/new/", views.injunction_new, name="injunction_new"),
    path("case/<int:case_pk>/cbo/new/", views.cbo_new, name="cbo_new"),
    path("case/<int:case_pk>/dispersal/new/", views.dispersal_new, name="dispersal_new"),
    path("case/<int:case_pk>/pspo/new/", views.pspo_new, name="pspo_new"),
    path("case/<int:case_pk>/absolute-ground/new/", views.absolute_ground_new, name="absolute_ground_new"),
    path("<int:pk>/", views.power_detail, name="detail"),
    path("<int:pk>/cpn/new/", views.cpn_new, name="cpn_new"),
    path("<int:pk>/appeal/", views.cpn_appeal, name="cpn_appeal"),
    path("<int:pk>/appeal/decision/", views.cpn_appeal_decision, name="cpn_appeal_decision"),
    path("<int:pk>/fpn/new/", views.fpn_new, name="fpn_new"),
    path("<int:pk>/payment/", views.fpn_payment, name="fpn_payment"),
    path("<int:pk>/prosecute/", views.fpn_prosecute, name="fpn_prosecute"),
    path("<int:pk>/closure-order/new/", views.closure_order_new, name="closure_order_new"),
    path("<int:pk>/extend/", views.closure_order_extend, name="closure_order_extend"),
    path("<int:pk>/direction/new/", views.dispersal_direction_new, name="dispersal_direction_new"),
    path("<int:pk>/review-request/", views.absolute_ground_review, name="absolute_ground_review"),
    path("<int:pk>/injunction-decision/", views.injunction_decision, name="injunction_decision"),
    path("<int:pk>/injunction-change/", views.injunction_change, name="injunction_change"),
    path("<int:pk>/cbo-change/", views.cbo_change, name="cbo_change"),
    path("<int:pk>/order-breach/", views.order_breach, name="order_breach"),
    path("<int:pk>/direction/vary/", views.dispersal_direction_vary, name="dispersal_direction_vary"),
    path("<int:pk>/pspo/extend/", views.pspo_extend, name="pspo_extend"),
    path("<int:pk>/pspo/vary/", views.pspo_vary, name="pspo_vary"),
    path("<int:pk>/closure-order/discharge/", views.closure_order_discharge, name="closure_order_discharge"),
    path("<int:pk>/compliance/", views.compliance, name="compliance"),
    path("<int:pk>/withdraw/", views.power_withdraw, name="withdraw"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
]
