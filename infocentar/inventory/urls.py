"""Public addresses of the inventory app (see docs/urls.md): the QR target and the hand-over confirmation."""

from django.urls import path

from . import views

urlpatterns = [
    path("prihvatanje/<str:token>/", views.accept_checkout, name="inventory-accept"),
    path("<str:tag>/", views.asset_by_tag, name="inventory-asset"),
]
