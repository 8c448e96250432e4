"""Staff pages of the governance app: data subject requests, retention, the ROPA, information sharing agreements."""

from django.urls import path

from csphub.governance import views
from csphub.governance.agreements import views as agreement_views

app_name = "dataprotection"

urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/identity/", views.request_verify, name="request_verify"),
    path("requests/<int:pk>/extend/", views.request_extend, name="request_extend"),
    path("requests/<int:pk>/items/<int:item_pk>/", views.item_decide, name="item_decide"),
    path("requests/<int:pk>/bundle.pdf", views.request_bundle, {"fmt": "pdf"}, name="bundle_pdf"),
    path("requests/<int:pk>/bundle.json", views.request_bundle, {"fmt": "json"}, name="bundle_json"),
    path("requests/<int:pk>/bundle.zip", views.request_bundle, {"fmt": "zip"}, name="bundle_zip"),
    path("requests/<int:pk>/disclose/", views.request_disclose, name="request_disclose"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("disclosure-log/", views.disclosure_log, name="disclosures"),
    path("requests/<int:pk>/neither-confirm-nor-deny/", views.request_ncnd, name="request_ncnd"),
    path("requests/<int:pk>/reply.pdf", views.request_reply_letter, name="request_reply"),
    path("retention/", views.retention_overview, name="retention"),
    path("retention/periods/", views.retention_periods, name="periods"),
    path("retention/periods/<str:record_type>/", views.retention_period_set, name="period_set"),
    path("legal-holds/", views.hold_list, name="holds"),
    path("legal-holds/new/", views.hold_new, name="hold_new"),
    path("legal-holds/<int:pk>/release/", views.hold_release, name="hold_release"),
    path("public-pages/", views.public_pages, name="public_pages"),
    path("processing/", views.ropa_view, name="ropa"),
    path("processing.csv", views.ropa_view, {"fmt": "csv"}, name="ropa_csv"),
    # information sharing agreements
    path("agreements/", agreement_views.agreement_list, name="agreements"),
    path("agreements/new/", agreement_views.agreement_new, name="agreement_new"),
    path("agreements/<int:pk>/", agreement_views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/review/", agreement_views.agreement_review, name="agreement_review"),
    path("agreements/<int:pk>/end/", agreement_views.agreement_end, name="agreement_end"),
]
