"""Sections of shared pages that apps fill: one registration mechanism.

Two slots exist: "home" (the home page) and "organisation" (a body's page in the
directory, which gets the organisation as `obj`). An app registers a function
that returns the section's context, or None when it has nothing to show (the
section is then hidden, not shown empty):

    from infocentar.core.home import register_section

    @register_section(slot="home", key="latest-news", order=20, template="news/home_section.html")
    def latest_news(request, obj=None):
        items = list(NewsPage.objects.live().public().order_by("-date")[:6])
        return {"items": items} if items else None

Templates render a slot with `{% load home_tags %}{% page_sections "home" %}`
or `{% page_sections "organisation" organisation %}`; `{% home_sections %}` is
short for the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SectionFunction = Callable[..., dict | None]
SLOTS = ("home", "organisation")


@dataclass(frozen=True)
class Section:
    slot: str
    key: str
    order: int
    template: str
    function: SectionFunction


_sections: dict[tuple[str, str], Section] = {}


def register_section(
    *, key: str, order: int, template: str, slot: str = "home"
) -> Callable[[SectionFunction], SectionFunction]:
    if slot not in SLOTS:
        raise ValueError(f"Unknown slot {slot!r}; slots are {', '.join(SLOTS)}.")

    def decorator(function: SectionFunction) -> SectionFunction:
        _sections[(slot, key)] = Section(slot=slot, key=key, order=order, template=template, function=function)
        return function

    return decorator


def sections(slot: str = "home") -> list[Section]:
    return sorted((s for s in _sections.values() if s.slot == slot), key=lambda s: (s.order, s.key))


def render_sections(request, slot: str = "home", obj=None) -> list[tuple[Section, dict]]:
    """The slot's sections that have something to show, with their context.

    Each context is computed once per content generation, language and script
    (core.memo): section functions must not depend on who is asking.
    """
    from django.urls import get_script_prefix
    from django.utils.translation import get_language

    from .memo import memo

    variant = (get_language(), get_script_prefix(), getattr(obj, "pk", None))
    shown = []
    for section in sections(slot):
        context = memo(("core.section", slot, section.key, *variant), lambda s=section: s.function(request, obj))
        if context:
            shown.append((section, dict(context)))
    return shown
