"""Public addresses of the acts app under /akti/ (see docs/urls.md)."""

from django.urls import path

from . import views
from .feeds import ActsAtomFeed, ActsFeed

urlpatterns = [
    path("", views.registry, name="acts-index"),
    path("izvoz.csv", views.export_csv, name="acts-export-csv"),
    path("izvoz.json", views.export_json, name="acts-export-json"),
    path("rss/", ActsFeed(), name="acts-rss"),
    path("atom/", ActsAtomFeed(), name="acts-atom"),
    path("<int:pk>/", views.act_detail, name="acts-detail"),
    path("<int:pk>/akn.xml", views.act_akn, name="acts-akn"),
    path("<int:pk>/verzija/<int:version_pk>/", views.act_detail, name="acts-version"),
    path("<int:pk>/uporedi/", views.act_compare, name="acts-compare"),
]
