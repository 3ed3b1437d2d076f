"""Helpers for Wagtail admin templates that must run under a CSP without 'unsafe-inline'."""

from __future__ import annotations

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def csp_json(value) -> str:
    """A JSON string made safe to sit inside <script type="application/json">."""
    return mark_safe(str(value).translate(_json_script_escapes))
