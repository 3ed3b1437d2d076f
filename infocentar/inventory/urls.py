"""Public addresses of the inventory app (see docs/urls.md)."""

urlpatterns: list = []
