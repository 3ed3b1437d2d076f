from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActsConfig(AppConfig):
    name = "infocentar.acts"
    label = "acts"
    verbose_name = _("Acts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infocentar.core import services
        from infocentar.core.search import register

        from . import sections  # noqa: F401
        from .models import Act
        from .permissions import ROLE_PERMISSIONS

        register(
            Act,
            label=_("Acts"),
            queryset=lambda: Act.objects.public(),
            organisation="issuer",
            date="date",
            select_related=("issuer",),
        )
        for role, codenames in ROLE_PERMISSIONS.items():
            granted = services.ROLE_PERMISSIONS.setdefault(role, [])
            if "wagtailadmin.access_admin" not in granted:
                granted.append("wagtailadmin.access_admin")
            for codename in codenames:
                if codename not in granted:
                    granted.append(codename)
        try:
            from infocentar.core.periodic import register_periodic
        except ImportError:  # the lead adds core.periodic
            return
        register_periodic("acts.enter_into_force", "infocentar.acts.jobs.enter_into_force", every=timedelta(hours=1))
