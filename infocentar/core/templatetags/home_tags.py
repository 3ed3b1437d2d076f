"""{% page_sections slot obj %} and {% home_sections %}: sections apps registered (core.home)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from infocentar.core.home import render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context, slot: str, obj=None) -> str:
    request = context.get("request")
    parts = [
        render_to_string(section.template, {**extra, "section_key": section.key, "object": obj}, request)
        for section, extra in render_sections(request, slot, obj)
    ]
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def home_sections(context) -> str:
    return page_sections(context, "home")
