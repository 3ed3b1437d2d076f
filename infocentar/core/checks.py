"""System checks for Infocentar's own settings."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_languages(app_configs, **kwargs):
    errors = []
    codes = [code for code, _ in settings.LANGUAGES]
    if settings.LANGUAGE_CODE != "cnr" or "cnr" not in codes:
        errors.append(
            Error("Infocentar's default language must be Montenegrin ('cnr').", id="infocentar.E001"),
        )
    return errors
