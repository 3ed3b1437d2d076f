"""Translation: our catalogue, the Croatian fallback, Montenegrin dates and numbers, extraction."""

from __future__ import annotations

import datetime
import textwrap
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template import Context, Template
from django.utils import dateformat, translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import date_format, localize, number_format
from django.utils.translation import get_language_info

from infocentar.core import i18n

PO_PATH = i18n.BASE_DIR / "infocentar" / "locale" / "cnr" / "LC_MESSAGES" / "django.po"

MONTENEGRIN_MONTHS = [
    "januar", "februar", "mart", "april", "maj", "jun",
    "jul", "avgust", "septembar", "oktobar", "novembar", "decembar",
]  # fmt: skip
MONTENEGRIN_WEEKDAYS = ["ponedjeljak", "utorak", "srijeda", "četvrtak", "petak", "subota", "nedjelja"]


def _entries(path: Path = PO_PATH) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


# --------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------


def test_catalogue_has_every_string_in_the_code():
    extracted = i18n.extract_messages()
    in_catalogue = {(entry.msgctxt or "", entry.msgid): entry for entry in _entries()}
    missing = sorted(key for key in extracted if key not in in_catalogue)
    assert not missing, f"Run `manage.py update_catalogue`; not in django.po: {missing[:20]}"
    wrong_plural = sorted(
        key for key, message in extracted.items() if (message.msgid_plural or "") != in_catalogue[key].msgid_plural
    )
    assert not wrong_plural, f"Run `manage.py update_catalogue`; plural changed: {wrong_plural[:20]}"


def test_catalogue_plural_entries_have_three_forms():
    catalogue = polib.pofile(str(PO_PATH))
    assert catalogue.metadata["Plural-Forms"] == i18n.PLURAL_FORMS
    for entry in _entries():
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1, 2], entry.msgid


def test_catalogue_is_fully_translated():
    entries = _entries()
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    untranslated = [entry.msgid for entry in entries if not entry.fuzzy and not entry.translated()]
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"


def test_fallback_translates_djangos_strings():
    fallback = Path(settings.VAR_DIR) / "locale" / "cnr" / "LC_MESSAGES" / "django.mo"
    entries = {entry.msgid: entry.msgstr for entry in polib.mofile(str(fallback)) if not entry.msgctxt}
    assert entries["This field is required."] == "Unos za ovo polje je obavezan."
    with translation.override("cnr"):
        assert translation.gettext("This field is required.") == "Unos za ovo polje je obavezan."


def test_our_catalogue_wins_over_the_fallback():
    with translation.override("cnr"):
        assert translation.gettext("Search") == "Pretraga"
        assert translation.gettext("January") == "januar"  # Croatian: Siječanj


# --------------------------------------------------------------------------
# Dates, numbers, the language's name
# --------------------------------------------------------------------------


def test_month_names_are_montenegrin():
    with translation.override("cnr"):
        assert [str(MONTHS[i]) for i in range(1, 13)] == MONTENEGRIN_MONTHS
        assert [str(MONTHS_ALT[i]) for i in range(1, 13)] == MONTENEGRIN_MONTHS
        assert [str(MONTHS_3[i]) for i in range(1, 13)] == [
            "jan", "feb", "mar", "apr", "maj", "jun", "jul", "avg", "sep", "okt", "nov", "dec",
        ]  # fmt: skip
        for month, name in enumerate(MONTENEGRIN_MONTHS, start=1):
            day = datetime.date(2026, month, 1)
            assert dateformat.format(day, "F") == name
            assert dateformat.format(day, "E") == name


def test_weekday_names_are_montenegrin():
    with translation.override("cnr"):
        assert [str(WEEKDAYS[i]) for i in range(7)] == MONTENEGRIN_WEEKDAYS
        assert [str(WEEKDAYS_ABBR[i]) for i in range(7)] == ["pon", "uto", "sri", "čet", "pet", "sub", "ned"]
        monday = datetime.date(2026, 3, 2)
        assert dateformat.format(monday, "l, j. F Y.") == "ponedjeljak, 2. mart 2026."
        assert dateformat.format(monday, "D N") == "pon mart"


def test_english_dates_stay_english():
    with translation.override("en"):
        assert dateformat.format(datetime.date(2026, 3, 2), "l F") == "Monday March"


def test_date_format():
    with translation.override("cnr"):
        assert date_format(datetime.date(2026, 3, 2)) == "2. mart 2026."
        assert date_format(datetime.date(2026, 3, 2), "SHORT_DATE_FORMAT") == "2.3.2026."
        assert date_format(datetime.datetime(2026, 12, 31, 9, 5), "DATETIME_FORMAT") == "31. decembar 2026. 09:05"


def test_number_format():
    with translation.override("cnr"):
        assert number_format(Decimal("1234567.5"), 2, force_grouping=True) == "1.234.567,50"
        assert localize(Decimal("1234.5")) == "1234,5"
    with translation.override("en"):
        assert number_format(Decimal("1234567.5"), 2, force_grouping=True) == "1,234,567.50"


def test_language_name():
    assert get_language_info("cnr")["name_local"] == "crnogorski"
    assert get_language_info("cnr")["bidi"] is False


# --------------------------------------------------------------------------
# l10n_me: CLDR through Babel
# --------------------------------------------------------------------------


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load l10n_me %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("length", "montenegrin", "english"),
    [
        ("short", "2. 3. 2026.", "3/2/26"),
        ("medium", "2. 3. 2026.", "Mar 2, 2026"),
        ("long", "2. mart 2026.", "March 2, 2026"),
        ("full", "ponedjeljak, 2. mart 2026.", "Monday, March 2, 2026"),  # CLDR itself says "ponedeljak"
    ],
)
def test_me_date(length, montenegrin, english):
    source = f'{{{{ day|me_date:"{length}" }}}}'
    day = datetime.date(2026, 3, 2)
    assert _render(source, "cnr", day=day) == montenegrin
    assert _render(source, "en", day=day) == english


def test_me_date_of_an_aware_datetime_uses_local_time():
    late = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)  # already 2 March in Podgorica
    assert _render('{{ moment|me_date:"long" }}', "cnr", moment=late) == "2. mart 2026."


def test_me_number_and_currency():
    assert _render("{{ n|me_number }}", "cnr", n=Decimal("1234567.891")) == "1.234.567,891"
    assert _render("{{ n|me_number:2 }}", "cnr", n=1234.5) == "1.234,50"
    assert _render("{{ n|me_number:0 }}", "cnr", n=Decimal("2.5")) == "3"
    assert _render("{{ n|me_currency }}", "cnr", n=Decimal("1234.5")) == "1.234,50\xa0€"
    assert _render("{{ n|me_currency }}", "en", n=Decimal("1234.5")) == "€1,234.50"
    assert _render("{{ n|me_number }}", "en", n=1234567) == "1,234,567"


def test_l10n_me_filters_leave_bad_input_alone():
    assert _render("[{{ n|me_number }}][{{ n|me_currency }}][{{ n|me_date }}]", "cnr", n=None) == "[][][]"
    assert _render("{{ n|me_number }}", "cnr", n="n/a") == "n/a"


# --------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------


def _write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_extracts_python_keywords(tmp_path):
    path = _write(
        tmp_path,
        "infocentar/app/models.py",
        """
        from django.utils.translation import gettext as _, gettext_lazy, ngettext, ngettext_lazy
        from django.utils.translation import npgettext, npgettext_lazy, pgettext, pgettext_lazy

        a = _("Plain")
        b = gettext_lazy("Lazy %(name)s")
        c = ngettext("%(n)d file", "%(n)d files", 3)
        d = ngettext_lazy("one row", "many rows")
        e = pgettext("month name", "May")
        f = pgettext_lazy("verb", "Order")
        g = npgettext("people", "%(n)d member", "%(n)d members", 2)
        h = npgettext_lazy("things", "item", "items")
        # Translators: the button that sends the form
        i = _("Send")
        j = _(variable)
        k = print("not translatable")
        """,
    )
    messages = i18n.extract_messages(tmp_path, [path])
    assert set(messages) == {
        ("", "Plain"),
        ("", "Lazy %(name)s"),
        ("", "%(n)d file"),
        ("", "one row"),
        ("month name", "May"),
        ("verb", "Order"),
        ("people", "%(n)d member"),
        ("things", "item"),
        ("", "Send"),
    }
    assert messages[("", "%(n)d file")].msgid_plural == "%(n)d files"
    assert messages[("people", "%(n)d member")].msgid_plural == "%(n)d members"
    assert messages[("things", "item")].msgid_plural == "items"
    assert messages[("", "Send")].comments == ["Translators: the button that sends the form"]
    assert messages[("", "Plain")].locations == {("infocentar/app/models.py", 4)}


def test_extracts_template_tags(tmp_path):
    path = _write(
        tmp_path,
        "infocentar/app/templates/app/page.html",
        """
        {% load i18n %}
        <h1>{% translate "Welcome" %}</h1>
        <p>{% trans 'Open' context "door" %}</p>
        {% translate "Stored" as stored %}{{ stored }}
        {% translate "Later" noop %}
        {% translate some_variable %}
        {% blocktranslate trimmed with name=user.name %}
          Hello {{ name }},
          welcome back.
        {% endblocktranslate %}
        {% blocktranslate count counter=items|length context "basket" trimmed %}{{ counter }} item{% plural %}
        {{ counter }} items{% endblocktranslate %}
        {% blocktrans %}Old {{ style }} tag, 100% sure{% endblocktrans %}
        {{ _("Filter argument") }}
        {% comment %}Translators: shown under the title{% endcomment %}
        {% translate "Subtitle" %}
        """,
    )
    messages = i18n.extract_messages(tmp_path, [path])
    assert set(messages) == {
        ("", "Welcome"),
        ("door", "Open"),
        ("", "Stored"),
        ("", "Later"),
        ("", "Hello %(name)s, welcome back."),
        ("basket", "%(counter)s item"),
        ("", "Old %(style)s tag, 100%% sure"),
        ("", "Filter argument"),
        ("", "Subtitle"),
    }
    assert messages[("basket", "%(counter)s item")].msgid_plural == "%(counter)s items"
    assert messages[("", "Subtitle")].comments == ["Translators: shown under the title"]
    assert messages[("", "Welcome")].locations == {("infocentar/app/templates/app/page.html", 2)}


def test_extracted_template_msgids_are_what_django_looks_up(tmp_path, monkeypatch):
    # A template's "%" reaches the catalogue as "%%", in the msgid we extract and in Django's lookup.
    path = _write(
        tmp_path,
        "infocentar/templates/sure.html",
        "{% load i18n %}{% blocktranslate %}Old {{ style }} tag, 100% sure{% endblocktranslate %}",
    )
    (msgid,) = (message.msgid for message in i18n.extract_messages(tmp_path, [path]).values())
    translations = {msgid: "Stari %(style)s tag, 100%% siguran"}
    with translation.override("cnr"):
        active = translation.trans_real._active.value
        monkeypatch.setattr(active, "gettext", lambda message: translations.get(message, message))
        rendered = Template(path.read_text(encoding="utf-8")).render(Context({"style": "x"}))
    assert rendered == "Stari x tag, 100% siguran"


def test_source_files_skip_migrations_and_tests(tmp_path):
    kept = [
        _write(tmp_path, "infocentar/app/views.py", "x = 1\n"),
        _write(tmp_path, "infocentar/app/templates/app/mail.txt", "x\n"),
        _write(tmp_path, "infocentar/templates/base.html", "x\n"),
    ]
    _write(tmp_path, "infocentar/app/migrations/0001_initial.py", "x = 1\n")
    _write(tmp_path, "infocentar/app/tests/test_views.py", "x = 1\n")
    _write(tmp_path, "infocentar/app/test_models.py", "x = 1\n")
    _write(tmp_path, "infocentar/app/static/app/page.html", "x\n")
    _write(tmp_path, "infocentar/app/notes.html", "x\n")  # not in a templates folder
    assert i18n.source_files(tmp_path) == sorted(kept, key=lambda p: p.relative_to(tmp_path).as_posix())


def test_broken_template_is_reported(tmp_path):
    path = _write(
        tmp_path,
        "infocentar/templates/broken.html",
        "{% load i18n %}{% blocktranslate %}{% if x %}{% endblocktranslate %}",
    )
    with pytest.raises(i18n.ExtractionError, match=r"broken\.html"):
        i18n.extract_messages(tmp_path, [path])


# --------------------------------------------------------------------------
# Merging
# --------------------------------------------------------------------------


def _messages(*specs) -> dict[i18n.MessageKey, i18n.Message]:
    found = {}
    for spec in specs:
        msgid, context, plural, where = (*spec, None, None, None)[:4]
        message = i18n.Message(msgid=msgid, msgctxt=context, msgid_plural=plural)
        message.locations = {(where or "infocentar/app/views.py", 1)}
        found[message.key] = message
    return found


HEADER = f"""msgid ""
msgstr ""
"Language: cnr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {i18n.PLURAL_FORMS}\\n"

"""


def _po(tmp_path: Path, body: str = "") -> Path:
    path = tmp_path / "cnr" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return path


def _by_key(path: Path) -> dict[tuple[str, str], polib.POEntry]:
    return {(entry.msgctxt or "", entry.msgid): entry for entry in polib.pofile(str(path))}


def test_merge_adds_keeps_and_retires(tmp_path):
    path = _po(
        tmp_path,
        """
        # Translator's note, kept.
        msgid "Kept"
        msgstr "Zadržano"

        msgctxt "verb"
        msgid "Order"
        msgstr "Naruči"

        msgid "Gone and translated"
        msgstr "Nestalo"

        msgid "Gone and untranslated"
        msgstr ""
        """,
    )
    _, changes = i18n.update_catalogue(
        path, _messages(("Kept",), ("Order", "verb"), ("Order",), ("New one",)), fuzzy_matching=False
    )
    entries = _by_key(path)
    assert entries[("", "Kept")].msgstr == "Zadržano"
    assert entries[("", "Kept")].tcomment == "Translator's note, kept."
    assert entries[("", "Kept")].occurrences == [("infocentar/app/views.py", "")]
    assert entries[("verb", "Order")].msgstr == "Naruči"
    assert entries[("", "Order")].msgstr == ""
    assert entries[("", "New one")].msgstr == ""
    assert entries[("", "Gone and translated")].obsolete
    assert ("", "Gone and untranslated") not in entries
    assert changes.added == [("", "New one"), ("", "Order")]
    assert changes.obsoleted == [("", "Gone and translated")]
    assert changes.removed == [("", "Gone and untranslated")]


def test_merge_revives_an_obsolete_translation(tmp_path):
    path = _po(tmp_path, '#~ msgid "Back"\n#~ msgstr "Nazad"\n')
    _, changes = i18n.update_catalogue(path, _messages(("Back",)))
    entry = _by_key(path)[("", "Back")]
    assert not entry.obsolete
    assert entry.msgstr == "Nazad"
    assert changes.revived == [("", "Back")]


def test_merge_guesses_from_a_similar_vanished_string(tmp_path):
    path = _po(tmp_path, 'msgid "Delete this organisation"\nmsgstr "Obriši ovu organizaciju"\n')
    i18n.update_catalogue(path, _messages(("Delete this organisation.",)))
    entry = _by_key(path)[("", "Delete this organisation.")]
    assert entry.fuzzy
    assert entry.msgstr == "Obriši ovu organizaciju"
    assert entry.previous_msgid == "Delete this organisation"
    # A fuzzy entry is not compiled: the English shows until a translator confirms it.
    assert i18n.compile_po(path, force=True)
    assert all(e.msgid != "Delete this organisation." for e in polib.mofile(str(path.with_suffix(".mo"))))


def test_merge_plural_has_three_forms(tmp_path):
    path = _po(tmp_path)
    i18n.update_catalogue(path, _messages(("%(n)d file", "", "%(n)d files")))
    text = path.read_text(encoding="utf-8")
    assert 'msgid_plural "%(n)d files"\nmsgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""' in text
    assert "#, python-format" in text
    assert i18n.PLURAL_FORMS in text


def test_merge_keeps_plural_translations(tmp_path):
    path = _po(
        tmp_path,
        """
        msgid "%(n)d file"
        msgid_plural "%(n)d files"
        msgstr[0] "%(n)d fajl"
        msgstr[1] "%(n)d fajla"
        msgstr[2] "%(n)d fajlova"
        """,
    )
    i18n.update_catalogue(path, _messages(("%(n)d file", "", "%(n)d files")))
    entry = _by_key(path)[("", "%(n)d file")]
    assert entry.msgstr_plural == {0: "%(n)d fajl", 1: "%(n)d fajla", 2: "%(n)d fajlova"}
    assert not entry.fuzzy


def test_merge_is_sorted_and_idempotent(tmp_path):
    path = _po(tmp_path)
    messages = _messages(("b",), ("a", "ctx"), ("a",), ("C",), ("é",))
    i18n.update_catalogue(path, messages)
    assert [(e.msgid, e.msgctxt) for e in polib.pofile(str(path))] == [
        ("C", None),
        ("a", None),
        ("a", "ctx"),
        ("b", None),
        ("é", None),
    ]
    first = path.read_text(encoding="utf-8")
    _, changes = i18n.update_catalogue(path, messages)
    assert not changes.changed
    assert path.read_text(encoding="utf-8") == first


def test_merge_locations(tmp_path):
    path = _po(tmp_path)
    message = i18n.Message(msgid="Here", locations={("infocentar/b.py", 9), ("infocentar/a.py", 3)})
    i18n.update_catalogue(path, {message.key: message}, locations="full")
    assert "#: infocentar/a.py:3 infocentar/b.py:9\n" in path.read_text(encoding="utf-8")
    i18n.update_catalogue(path, {message.key: message}, locations="file")
    assert "#: infocentar/a.py infocentar/b.py\n" in path.read_text(encoding="utf-8")


def test_check_changes_nothing(tmp_path):
    path = _po(tmp_path)
    before = path.read_text(encoding="utf-8")
    _, changes = i18n.update_catalogue(path, _messages(("New",)), check=True)
    assert changes.changed
    assert "new: 'New'" in changes.describe()
    assert path.read_text(encoding="utf-8") == before


def test_update_catalogue_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(i18n, "BASE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "extract_messages", lambda: _messages(("Hello",)))
    path = _po(tmp_path / "infocentar" / "locale")
    with pytest.raises(CommandError) as failure:
        call_command("update_catalogue", "--check")
    assert failure.value.returncode == 1
    assert "new: 'Hello'" in capsys.readouterr().out
    call_command("update_catalogue")
    assert ("", "Hello") in _by_key(path)
    call_command("update_catalogue", "--check")
    assert "up to date" in capsys.readouterr().out
