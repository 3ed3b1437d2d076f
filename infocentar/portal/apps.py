from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "infocentar.portal"
    label = "portal"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from infocentar.core import services
        from infocentar.core.search import register

        from .models import (
            AccessibilityStatementPage,
            ContactPage,
            EditorialGroup,
            EditorialSection,
            HomePage,
            LandingPage,
            SiteAlert,
            StandardPage,
            alerts,
            editorial,
        )

        for model in (StandardPage, LandingPage, ContactPage, AccessibilityStatementPage, HomePage):
            register(model, label=_("Pages"), queryset=lambda model=model: model.objects.live().public())

        # The cached list of alerts is dropped whenever an alert changes.
        post_save.connect(alerts.forget_cached_alerts, sender=SiteAlert, dispatch_uid="portal-alerts-saved")
        post_delete.connect(alerts.forget_cached_alerts, sender=SiteAlert, dispatch_uid="portal-alerts-deleted")

        # Editors limited to their organisation's sections.
        post_save.connect(editorial.section_changed, sender=EditorialSection, dispatch_uid="portal-section-saved")
        post_delete.connect(editorial.section_changed, sender=EditorialSection, dispatch_uid="portal-section-deleted")
        post_delete.connect(
            editorial.editorial_group_deleted, sender=EditorialGroup, dispatch_uid="portal-editorial-group-deleted"
        )
        if editorial.sync_editor_groups not in services.GROUP_SYNC_HOOKS:
            services.GROUP_SYNC_HOOKS.append(editorial.sync_editor_groups)
        if editorial.sync_all_sections not in services.EDITORIAL_SETUP_HOOKS:
            services.EDITORIAL_SETUP_HOOKS.append(editorial.sync_all_sections)

        # A cached page must not outlive the alerts on it (the page cache, where there is one).
        try:
            from infocentar.core.pagecache import register_max_age
        except ImportError:
            pass
        else:
            register_max_age(alerts.seconds_until_next_change)
