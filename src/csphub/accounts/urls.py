from django.urls import path

from csphub.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-in/code/", views.code, name="code"),
    path("sign-in/set-up-code/", views.setup_code, name="setup_code"),
    path("sign-out/", views.sign_out, name="logout"),
    path("switch/", views.switch, name="switch"),
    path("partnership/", views.partnership_switch, name="partnership"),
    path("users/", views.users, name="users"),
    path("users/<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("users/<int:pk>/reactivate/", views.account_reactivate, name="account_reactivate"),
    path("users/role-requests/", views.role_grants, name="role_grants"),
    path("audit/", views.audit_search, name="audit_search"),
    path("password/", views.PasswordChange.as_view(), name="password_change"),
    path("notifications/", views.notifications, name="notifications"),
]
