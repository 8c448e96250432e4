from django.urls import path

from csphub.powers import views

app_name = "powers"

urlpatterns = [
    path("", views.power_list, name="list"),
    path("case/<int:case_pk>/", views.case_powers, name="case_powers"),
    path("<int:pk>/", views.power_detail, name="detail"),
    path("<int:pk>/withdraw/", views.power_withdraw, name="withdraw"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    # Every step of every power: one row of the step table each, one view for all.
    *(path(step.route, views.power_step, {"step": step}, name=step.name) for step in views.STEPS),
]
