"""Chooser widgets for the portal's settings and admin forms that start without an inline script.

Wagtail's page and image choosers in ordinary forms render `<script>new
PageChooser(...)</script>` after the widget, which Infocentar's CSP blocks.
These render the same start-up as JSON for core's csp-init.js
(`data-csp-init="initCspChooser"`), which calls window.initCspChooser from
static/infocentar/js/admin-choosers.js (added to every admin page by
portal/wagtail_hooks.py).
"""

from __future__ import annotations

import json

from django.utils.html import _json_script_escapes, escape
from django.utils.safestring import mark_safe
from wagtail.admin.widgets import AdminPageChooser
from wagtail.images.widgets import AdminImageChooser


class CspChooserMixin:
    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as exc:
            raise TypeError("A chooser cannot be rendered without an 'id' attribute") from exc
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        start = {"constructor": self.js_constructor, "options": self.get_js_init_options(id_, name, value_data)}
        payload = json.dumps(start).translate(_json_script_escapes)
        # Safe: the widget's own rendered HTML, the id escaped, the JSON escaped as json_script does.
        return mark_safe(
            f'{widget_html}<script type="application/json" data-csp-init="initCspChooser" '
            f'data-csp-target="{escape(id_)}">{payload}</script>'
        )


class CspPageChooser(CspChooserMixin, AdminPageChooser):
    pass


class CspImageChooser(CspChooserMixin, AdminImageChooser):
    pass
