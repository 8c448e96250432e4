from django.urls import path

from csphub.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("export.csv", views.case_export, name="case_export"),
    path("open/", views.case_open, name="case_open"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/chronology.pdf", views.case_chronology_pdf, name="case_chronology_pdf"),
    path("<int:pk>/summary.pdf", views.case_summary_pdf, name="case_summary_pdf"),
    path("<int:pk>/victim-contact/", views.victim_contact, name="victim_contact"),
    path("<int:pk>/victim-contact/<int:contact_pk>/update/", views.victim_update, name="victim_update"),
    path("<int:pk>/satisfaction/", views.closure_survey, name="closure_survey"),
    path("<int:pk>/status/", views.case_status, name="case_status"),
    path("<int:pk>/victim-told/", views.case_victim_told, name="case_victim_told"),
    path("<int:pk>/incidents/add/", views.case_add_incident, name="case_add_incident"),
    path("<int:pk>/link/", views.case_link, name="case_link"),
    path("<int:pk>/tasks/new/", views.case_task_new, name="case_task_new"),
    path("<int:pk>/notes/new/", views.case_note_new, name="case_note_new"),
    path("<int:pk>/documents/new/", views.case_document_new, name="case_document_new"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/change/", views.incident_edit, name="incident_edit"),
    path("incidents/<int:pk>/people/", views.incident_add_party, name="incident_add_party"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/overdue/", views.overdue, name="overdue"),
    path("tasks/<int:pk>/done/", views.task_complete, name="task_complete"),
    path("panels/", views.panel_list, name="panel_list"),
    path("panels/new/", views.panel_new, name="panel_new"),
    path("panels/<int:pk>/", views.panel_detail, name="panel_detail"),
    path("panels/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agenda.pdf", views.meeting_agenda_pdf, name="meeting_agenda_pdf"),
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("agenda/<int:pk>/decision/", views.agenda_decision, name="agenda_decision"),
    path("search/", views.search, name="search"),
    path("search/share-request/", views.share_request, name="share_request"),
    path("map/", views.incident_map, name="map"),
]
