"""Public addresses of the public debates under /javne-rasprave/ (see docs/urls.md)."""

from django.urls import path

from . import views
from .feeds import ConsultationsFeed

urlpatterns = [
    path("", views.index, name="consultations-index"),
    path("rss/", ConsultationsFeed(), name="consultations-rss"),
    path("pretplata/", views.subscribe, name="consultations-subscribe"),
    path("pretplata/potvrda/<str:token>/", views.subscribe_confirm, name="consultations-subscribe-confirm"),
    path("pretplata/odjava/<str:token>/", views.unsubscribe, name="consultations-unsubscribe"),
    path("<int:pk>/", views.detail, name="consultations-detail"),
    path("<int:pk>/komentar/", views.comment, name="consultations-comment"),
    path("<int:pk>/izvjestaj.pdf", views.report_pdf, name="consultations-report-pdf"),
]
