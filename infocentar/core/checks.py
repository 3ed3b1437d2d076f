"""System checks for Infocentar's own settings."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register()
def check_languages(app_configs, **kwargs):
    errors = []
    codes = [code for code, _ in settings.LANGUAGES]
    if settings.LANGUAGE_CODE != "cnr" or "cnr" not in codes:
        errors.append(
            Error("Infocentar's default language must be Montenegrin ('cnr').", id="infocentar.E001"),
        )
    return errors


@register(Tags.security, deploy=True)
def check_email_delivery(app_configs, **kwargs):
    backend = getattr(settings, "EMAIL_BACKEND", "")
    if backend.endswith(("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend")):
        return [
            Warning(
                f"E-mail is not delivered (EMAIL_BACKEND is {backend}): citizens cannot verify their accounts.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER/EMAIL_HOST_PASSWORD) to send through SMTP.",
                id="infocentar.W001",
            )
        ]
    return []
