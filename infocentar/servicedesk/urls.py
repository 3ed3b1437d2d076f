"""Public addresses of the servicedesk app (see docs/urls.md)."""

urlpatterns: list = []
