from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "infocentar.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Sign-ins, failed sign-ins, sign-outs and second-factor changes go to the audit log.
        from . import signin_audit

        signin_audit.connect_mfa_signals()
