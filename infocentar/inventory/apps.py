import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

_FULL = ["add", "change", "delete", "view"]
_MODELS = ["asset", "informationsystem", "softwareproduct", "licence", "plan", "maintenanceschedule", "apitoken"]

# Django permissions of the inventory that the role groups hold (added to core's ROLE_PERMISSIONS).
# The rows each user sees are scoped to their organisations by the viewsets (core.viewsets).
INVENTORY_PERMISSIONS = {
    "ic_admin": {model: _FULL for model in _MODELS},
    "it_staff": {model: _FULL for model in _MODELS},
    # An organisation's IT contact sees its equipment and licences, drafts and submits its plan
    # and keeps its API tokens.
    "it_contact": {
        "asset": ["view"],
        "informationsystem": ["view"],
        "softwareproduct": ["view"],
        "licence": ["view"],
        "maintenanceschedule": ["view"],
        "plan": ["add", "change", "view"],
        "apitoken": ["add", "change", "view"],
    },
}


class InventoryConfig(AppConfig):
    name = "infocentar.inventory"
    label = "inventory"
    verbose_name = _("Equipment and licences")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infocentar.core import services
        from infocentar.core.periodic import register_periodic

        from . import listing
        from .models import Asset

        for role, models in INVENTORY_PERMISSIONS.items():
            granted = services.ROLE_PERMISSIONS.setdefault(role, [])
            for model, actions in models.items():
                for action in actions:
                    codename = f"inventory.{action}_{model}"
                    if codename not in granted:
                        granted.append(codename)

        listing.track(Asset)
        register_periodic(
            "inventory.maintenance",
            "infocentar.inventory.services.run_due_maintenance",
            every=datetime.timedelta(hours=1),
        )
