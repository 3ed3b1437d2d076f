"""Extension points of the public act page: other apps add panels (the public debate) here.

    from infocentar.acts.slots import register_act_panel

    def debate_panel(request, act):
        return render_to_string("consultations/_act_panel.html", {...}, request=request)  # or None

    register_act_panel(debate_panel)   # in the AppConfig's ready()

The act page (template `acts/_debate_slot.html`) shows, in registration
order, the HTML every registered function returns for the act; a function
that returns None or "" adds nothing. A function that raises is skipped (and
logged): another app's bug never breaks the act's page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

ActPanel = Callable[..., "str | None"]
_panels: list[ActPanel] = []


def register_act_panel(func: ActPanel) -> ActPanel:
    """Add `func(request, act) -> HTML | None` to the act page; usable as a decorator. Registering twice is a no-op."""
    if func not in _panels:
        _panels.append(func)
    return func


def unregister_act_panel(func: ActPanel) -> None:
    if func in _panels:
        _panels.remove(func)


def render_act_panels(request, act) -> list[SafeString]:
    """The HTML of every registered panel for `act` (trusted HTML: the functions escape what they show)."""
    out: list[SafeString] = []
    for func in list(_panels):
        try:
            html = func(request, act)
        except Exception:
            logger.exception("act panel %r failed for act %s", func, getattr(act, "pk", None))
            continue
        if html:
            out.append(mark_safe(str(html)))
    return out
