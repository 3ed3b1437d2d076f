import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Django permissions of the service desk that the role groups hold (added to core's ROLE_PERMISSIONS).
# Rows are scoped by the viewsets: IT staff and administrators see every organisation's tickets.
SERVICEDESK_PERMISSIONS = {
    "ic_admin": {
        "ticket": ["add", "change", "view"],
        "team": ["add", "change", "delete", "view"],
        "slatarget": ["add", "change", "delete", "view"],
        "nonworkingday": ["add", "change", "delete", "view"],
    },
    "it_staff": {
        "ticket": ["add", "change", "view"],
        "team": ["view"],
        "slatarget": ["view"],
        "nonworkingday": ["view"],
    },
}


class ServicedeskConfig(AppConfig):
    name = "infocentar.servicedesk"
    label = "servicedesk"
    verbose_name = _("IT service desk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from infocentar.core import services
        from infocentar.core.periodic import register_periodic
        from infocentar.inventory import listing

        from . import sla
        from .models import NonWorkingDay, Ticket

        for role, models in SERVICEDESK_PERMISSIONS.items():
            granted = services.ROLE_PERMISSIONS.setdefault(role, [])
            for model, actions in models.items():
                for action in actions:
                    codename = f"servicedesk.{action}_{model}"
                    if codename not in granted:
                        granted.append(codename)

        post_save.connect(sla.clear_calendar_cache, sender=NonWorkingDay, dispatch_uid="servicedesk-calendar-save")
        post_delete.connect(sla.clear_calendar_cache, sender=NonWorkingDay, dispatch_uid="servicedesk-calendar-del")

        listing.track(Ticket)

        register_periodic("servicedesk.escalate", "infocentar.servicedesk.jobs.escalate", datetime.timedelta(minutes=5))
        register_periodic(
            "servicedesk.auto_close", "infocentar.servicedesk.jobs.auto_close", datetime.timedelta(hours=1)
        )
        register_periodic(
            "servicedesk.digest", "infocentar.servicedesk.jobs.daily_digest", datetime.timedelta(hours=24)
        )
