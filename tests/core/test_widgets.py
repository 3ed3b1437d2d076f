"""FastSelect writes what Django's Select writes."""

import pytest
from django import forms
from django.test.html import parse_html

from infocentar.core.widgets import FastSelect


class _Form(forms.Form):
    plain = forms.ChoiceField(required=False, choices=[("", "All"), ("a&b", "A & <b>"), ("2024", "2024")])
    fast = forms.ChoiceField(
        required=False, choices=[("", "All"), ("a&b", "A & <b>"), ("2024", "2024")], widget=FastSelect
    )


def _normalise(html: str) -> str:
    return " ".join(html.replace('="plain"', '="X"').replace("id_plain", "id_X").split())


@pytest.mark.parametrize("value", ["", "a&b", "2024", "nope"])
def test_fast_select_renders_like_djangos_select(value):
    form = _Form({"plain": value, "fast": value})
    plain = _normalise(str(form["plain"]))
    fast = _normalise(str(form["fast"]).replace('="fast"', '="X"').replace("id_fast", "id_X"))
    assert parse_html(fast) == parse_html(plain)
    assert "&lt;b&gt;" in fast and "<b>" not in fast


def test_option_groups_are_refused():
    widget = FastSelect(choices=[("Group", [("a", "A")])])
    with pytest.raises(ValueError):
        widget.render("x", "a")
