"""Small typed readers for settings taken from the environment.

Every variable read here is documented in docs/configuration.md. A value that
cannot be parsed stops start-up with a message that names the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    environ = os.environ if environ is None else environ
    value = environ.get(name)
    if value is None and f"{name}_FILE" in environ:
        # Secrets may be handed over as files (Docker/systemd credentials).
        path = environ[f"{name}_FILE"]
        try:
            with open(path, encoding="utf-8") as fh:
                value = fh.read().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points to {path!r}, which cannot be read: {exc}") from exc
    return value


def envstr(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None else value


def envbool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false, 1/0, yes/no), not {value!r}.")


def envint(name: str, default: int, environ: Mapping[str, str] | None = None) -> int:
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def envlist(name: str, default: list[str] | None = None, environ: Mapping[str, str] | None = None) -> list[str]:
    value = _raw(name, environ)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def envchoice(name: str, default: str, choices, environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    allowed = {c.upper(): c for c in choices}
    if value.upper() not in allowed:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return allowed[value.upper()]


def require(name: str, environ: Mapping[str, str] | None = None) -> str:
    """A value production cannot run without."""
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set (see docs/configuration.md)."
        )
    return value
