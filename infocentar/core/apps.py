from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "infocentar.core"
    label = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Django ships no Montenegrin ('cnr'): teach it the language's name.
        from django.conf import locale, settings

        from . import checks, signals  # noqa: F401

        for code, info in getattr(settings, "EXTRA_LANG_INFO", {}).items():
            locale.LANG_INFO.setdefault(code, info)

        from .models import Organisation
        from .search import register

        register(Organisation, label=_("Organisations"), queryset=lambda: Organisation.objects.active())

        from .pagecache import connect_signals
        from .restrictions import install as install_restrictions

        connect_signals()
        install_restrictions()

        # Every Wagtail chooser starts from JSON (csp-init.js → initCspChooser), not an inline script.
        from wagtail.admin.widgets.chooser import BaseChooser

        from infocentar.portal.widgets import CspChooserMixin

        BaseChooser.render = CspChooserMixin.render
