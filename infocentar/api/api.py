"""The API: each app's django-ninja router mounted under /api/v1/."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

api = NinjaAPI(
    title="Infocentar API",
    version="1",
    description=str(_("Open data of the municipality and authenticated endpoints for the back office's integrations.")),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def mount_routers() -> None:
    from infocentar.core.api import router as core_router

    api.add_router("/organisations", core_router)
    api.add_router("/documents", "infocentar.documents.api.router")
    api.add_router("/news", "infocentar.news.api.router")
    api.add_router("/acts", "infocentar.acts.api.router")
    api.add_router("/consultations", "infocentar.consultations.api.router")
    api.add_router("/servicedesk", "infocentar.servicedesk.api.router")
    api.add_router("/inventory", "infocentar.inventory.api.router")


mount_routers()
