"""Dates, numbers and money in CLDR's Montenegrin conventions, where Django has none.

Django formats dates and numbers from infocentar/formats/cnr/formats.py, which
is enough for `{{ value|date }}` and `{% localize %}`. These filters add what
only CLDR (through Babel) knows: the four standard date lengths, currency
placement ("1.234,50 €") and locale-aware number patterns.

    {% load l10n_me %}
    {{ meeting.date|me_date:"full" }}     ponedjeljak, 2. mart 2026.
    {{ budget.total|me_currency }}        1.234.567,50 €
    {{ population|me_number }}            24.680

The locale follows the active language: sr_Latn_ME for Montenegrin, en for
English. Output is always in Latin script; the Cyrillic variant of a page is
made by transliterating the rendered HTML.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, get_currency_precision
from django import template
from django.utils import timezone
from django.utils.translation import get_language, to_locale

register = template.Library()

# Our language codes that CLDR knows under another name.
BABEL_LOCALES = {"cnr": "sr_Latn_ME", "en": "en"}
DEFAULT_LOCALE = "sr_Latn_ME"
DATE_FORMATS = ("short", "medium", "long", "full")
DEFAULT_CURRENCY = "EUR"

# CLDR's sr_Latn_ME has one ekavian form among its ijekavian day names.
_IJEKAVIAN_FIXES = {"sr_Latn_ME": (("ponedeljak", "ponedjeljak"), ("Ponedeljak", "Ponedjeljak"))}


def babel_locale(language: str | None = None) -> Locale:
    """The CLDR locale for a language code (the active language by default)."""
    code = (language or get_language() or "cnr").lower()
    name = BABEL_LOCALES.get(code) or BABEL_LOCALES.get(code.split("-")[0])
    if name is None:
        try:
            return Locale.parse(to_locale(code))
        except (UnknownLocaleError, ValueError):
            name = DEFAULT_LOCALE
    return Locale.parse(name)


def _fix(text: str, locale: Locale) -> str:
    for wrong, right in _IJEKAVIAN_FIXES.get(str(locale), ()):
        text = text.replace(wrong, right)
    return text


def _as_decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _round(number: Decimal, places: int) -> Decimal:
    # Half up, as people round by hand (CLDR's default is half even: 2,5 -> 2).
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@register.filter
def me_date(value, length: str = "medium") -> str:
    """A date (or the local date of a datetime) in CLDR's short, medium, long or full form."""
    if not isinstance(value, datetime.date):
        return "" if value in (None, "") else value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    length = length if length in DATE_FORMATS else "medium"
    locale = babel_locale()
    return _fix(format_date(value, format=length, locale=locale), locale)


@register.filter
def me_number(value, decimals=None) -> str:
    """A number with the locale's separators; `me_number:2` always shows two decimals."""
    number = _as_decimal(value)
    if number is None:
        return "" if value in (None, "") else value
    pattern = None
    if decimals not in (None, ""):
        try:
            places = max(0, int(decimals))
        except (TypeError, ValueError):
            places = None
        if places is not None:
            pattern = "#,##0" + ("." + "0" * places if places else "")
            number = _round(number, places)
    return format_decimal(number, format=pattern, locale=babel_locale())


@register.filter
def me_currency(value, currency: str = DEFAULT_CURRENCY) -> str:
    """An amount of money in the locale's way ("1.234,50 €"); euros unless told otherwise."""
    number = _as_decimal(value)
    if number is None:
        return "" if value in (None, "") else value
    code = (currency or DEFAULT_CURRENCY).upper()
    number = _round(number, get_currency_precision(code))
    return format_currency(number, code, locale=babel_locale())
