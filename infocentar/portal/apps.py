from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "infocentar.portal"
    label = "portal"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infocentar.core.search import register

        from .models import HomePage, StandardPage

        register(StandardPage, label=_("Pages"), queryset=lambda: StandardPage.objects.live().public())
        register(HomePage, label=_("Pages"), queryset=lambda: HomePage.objects.live().public())
