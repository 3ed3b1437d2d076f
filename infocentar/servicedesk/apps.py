from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "infocentar.servicedesk"
    label = "servicedesk"
    verbose_name = _("IT service desk")
    default_auto_field = "django.db.models.BigAutoField"
