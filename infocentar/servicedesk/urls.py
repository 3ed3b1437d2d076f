"""The staff portal of the service desk under /podrska/ (sign-in required; see docs/urls.md)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="servicedesk-index"),
    path("novi/", views.new_ticket, name="servicedesk-new"),
    path("<int:pk>/", views.detail, name="servicedesk-detail"),
    path("<int:pk>/odgovor/", views.reply, name="servicedesk-reply"),
    path("<int:pk>/potvrda/", views.confirm, name="servicedesk-confirm"),
    path("<int:pk>/ponovo/", views.reopen, name="servicedesk-reopen"),
    path("<int:pk>/ocjena/", views.rate, name="servicedesk-rate"),
    path("<int:pk>/povlacenje/", views.cancel, name="servicedesk-cancel"),
    path("prilog/<int:pk>/", views.attachment, name="servicedesk-attachment"),
]
