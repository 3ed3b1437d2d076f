"""Public addresses of the acts app (see docs/urls.md)."""

urlpatterns: list = []
