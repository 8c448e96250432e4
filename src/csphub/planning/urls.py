from django.urls import include, path

from csphub.planning import views
from csphub.planning.plan import views as plan_views

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
    # The CSP Plan
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/new/", plan_views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/narrative/", plan_views.narrative_change, name="plan_narrative"),
    path("plans/<int:pk>/publish/", plan_views.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/document/", plan_views.plan_document, name="plan_document"),
    path("plans/areas/<int:area_pk>/actions/new/", plan_views.action_new, name="plan_action_new"),
    path("plans/actions/<int:pk>/change/", plan_views.action_change, name="plan_action_change"),
    path("plans/<int:pk>/priorities/new/", plan_views.priority_new, name="plan_priority_new"),
    path("plans/<int:pk>/everyday-business/new/", plan_views.everyday_new, name="plan_everyday_new"),
    path("plans/<int:pk>/golden-threads/new/", plan_views.golden_thread_new, name="plan_golden_thread_new"),
    path("plans/priorities/<int:pk>/change/", plan_views.priority_change, name="plan_priority_change"),
    path("plans/priorities/<int:pk>/areas/new/", plan_views.key_area_new, name="plan_key_area_new"),
    path("plans/areas/<int:pk>/change/", plan_views.key_area_change, name="plan_key_area_change"),
    path("plans/priorities/<int:pk>/measures/new/", plan_views.measure_new, name="plan_measure_new"),
    path("plans/measures/<int:pk>/change/", plan_views.measure_change, name="plan_measure_change"),
    path("plans/<int:pk>/pcc-objectives/new/", plan_views.pcc_objective_new, name="plan_pcc_objective_new"),
    path(
        "plans/pcc-objectives/<int:pk>/change/",
        plan_views.pcc_objective_change,
        name="plan_pcc_objective_change",
    ),
    path("plans/<int:pk>/details/", plan_views.plan_details_change, name="plan_details_change"),
    path("plans/priorities/<int:pk>/remove/", plan_views.priority_remove, name="plan_priority_remove"),
    path("plans/priorities/<int:pk>/move/", plan_views.priority_move, name="plan_priority_move"),
    path("plans/areas/<int:pk>/remove/", plan_views.key_area_remove, name="plan_key_area_remove"),
    path("plans/areas/<int:pk>/move/", plan_views.key_area_move, name="plan_key_area_move"),
    path("plans/measures/<int:pk>/remove/", plan_views.measure_remove, name="plan_measure_remove"),
    path("plans/actions/<int:pk>/remove/", plan_views.action_remove, name="plan_action_remove"),
    path(
        "plans/pcc-objectives/<int:pk>/remove/",
        plan_views.pcc_objective_remove,
        name="plan_pcc_objective_remove",
    ),
    path(
        "plans/pcc-objectives/<int:pk>/move/", plan_views.pcc_objective_move, name="plan_pcc_objective_move"
    ),
    path("plans/published/<int:pk>/", plan_views.plan_publication, name="plan_publication"),
    # problem solving, partners' counts and board packs (issue 13)
    path("", include("csphub.planning.board.urls")),
]
