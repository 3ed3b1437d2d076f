"""A select that renders its options in Python (not one template per option).

The equipment listing's filter offers every organisation (300 in a large municipality); Django's
template-per-option rendering of that select cost more than the rest of the page.
"""

from __future__ import annotations

import datetime

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.admin.ui.tables import Column


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        final_attrs["name"] = name
        selected = {str(v) for v in (value if isinstance(value, (list, tuple)) else [value]) if v not in (None, "")}
        options = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(getattr(option_value, "value", option_value))
            options.append((option_value, mark_safe(" selected") if option_value in selected else "", label))
        body = format_html_join("", '<option value="{}"{}>{}</option>', options)
        return format_html("<select{}>{}</select>", flatatt(final_attrs), body)


class FastColumn(Column):
    """A listing column whose cells are built in Python (the listing shows 9 columns × up to 100 rows)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if value is None or value == "":
            text = self.empty_value_display
        elif isinstance(value, datetime.date):
            text = date_format(value, "SHORT_DATE_FORMAT")
        else:
            text = value
        return format_html("<td>{}</td>", text)


class FastLinkColumn(Column):
    """The first column: the value as a link to the record (without the per-row menu of Wagtail's title column)."""

    def __init__(self, name, url_name: str, **kwargs):
        super().__init__(name, **kwargs)
        self.url_name = url_name

    def render_cell_html(self, instance, parent_context):
        url = reverse(self.url_name, args=[instance.pk])
        return format_html('<td class="title"><a href="{}">{}</a></td>', url, self.get_value(instance))
