"""A select that renders its options in Python (not one template per option).

The equipment and ticket listings' filters offer every organisation (300 in a large municipality);
Django's template-per-option rendering of that select cost more than the rest of the page. The columns
below likewise build their cells in Python instead of a template per cell.
"""

from __future__ import annotations

import datetime
from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.ui.tables import Column


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        final_attrs["name"] = name
        selected = {str(v) for v in (value if isinstance(value, (list, tuple)) else [value]) if v not in (None, "")}
        # The stdlib's escape on plain strings: Django's lazy-aware escaping per option cost more than the query.
        parts = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(getattr(option_value, "value", option_value))
            mark = " selected" if option_value in selected else ""
            parts.append(f'<option value="{escape(option_value)}"{mark}>{escape(str(label))}</option>')
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe("".join(parts)))


class NameChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """(pk, name) pairs read with values_list: no model instance, no server-side cursor per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.queryset.values_list("pk", "name")


class NameChoiceField(django_filters.fields.ModelChoiceField):
    iterator = NameChoiceIterator


class NameChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter over a model with a `name` (organisations), its options rendered by FastSelect."""

    field_class = NameChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)


class FastColumn(Column):
    """A listing column whose cells are built in Python (the listing shows 9 columns × up to 100 rows)."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if value is None or value == "":
            text = self.empty_value_display
        elif isinstance(value, datetime.datetime):
            text = date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
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
