"""Public addresses of the consultations app (see docs/urls.md)."""

urlpatterns: list = []
