from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "infocentar.inventory"
    label = "inventory"
    verbose_name = _("Equipment and licences")
    default_auto_field = "django.db.models.BigAutoField"
