"""Translation catalogues without GNU gettext: extract, merge, compile, fall back.

Our own strings live in infocentar/locale/cnr/LC_MESSAGES/django.po (English
msgids, Montenegrin translations). Django, Wagtail and allauth ship no
Montenegrin, so their strings fall back to their Croatian (ijekavian)
catalogues, merged into var/locale/cnr/LC_MESSAGES/django.mo. Our catalogue
comes first in LOCALE_PATHS, so it wins wherever both translate a string
(month and day names, for instance, are Montenegrin in ours: see
`THIRD_PARTY_OVERRIDES`).

Everything here is plain Python (Babel, polib), so a machine with only Python,
git and make can extract and compile: no GNU gettext tools are needed.

- `extract_messages()` finds every translatable string in our Python code and
  Django templates (what `manage.py makemessages` does with xgettext);
- `update_catalogue()` merges them into a .po file (what msgmerge does);
- `build_all()` compiles our .po files and builds the Croatian fallback (what
  msgfmt does). It needs no Django set-up: it runs before Django starts.
"""

from __future__ import annotations

import difflib
import importlib.util
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent.parent

FALLBACK_SOURCE_LANGUAGES = ("hr", "hr_HR")
FALLBACK_PACKAGES = (
    "django",
    "wagtail",
    "allauth",
    "modelsearch",
    "taggit",
    "django_tasks",
    "django_tasks_db",
)
PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
NPLURALS = 3


# --------------------------------------------------------------------------
# Third-party strings whose Croatian fallback is wrong for Montenegro
# --------------------------------------------------------------------------
#
# The fallback is Croatian, which is right for most admin vocabulary but not
# for month names (siječanj, veljača...) and a few other words. Listing a
# third-party msgid here puts it into our catalogue (update_catalogue extracts
# it like any other string), where its Montenegrin translation wins. The
# markers do nothing at run time.


def gettext_noop(message: str) -> str:
    return message


def pgettext_noop(context: str, message: str) -> str:
    return message


THIRD_PARTY_OVERRIDES = (
    # django/utils/dates.py: MONTHS (date format "F")
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    # MONTHS_ALT (date format "E", the genitive in Croatian; nominative for us)
    pgettext_noop("alt. month", "January"),
    pgettext_noop("alt. month", "February"),
    pgettext_noop("alt. month", "March"),
    pgettext_noop("alt. month", "April"),
    pgettext_noop("alt. month", "May"),
    pgettext_noop("alt. month", "June"),
    pgettext_noop("alt. month", "July"),
    pgettext_noop("alt. month", "August"),
    pgettext_noop("alt. month", "September"),
    pgettext_noop("alt. month", "October"),
    pgettext_noop("alt. month", "November"),
    pgettext_noop("alt. month", "December"),
    # MONTHS_3 (date formats "b" and "M")
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
    # MONTHS_AP (date format "N")
    pgettext_noop("abbrev. month", "Jan."),
    pgettext_noop("abbrev. month", "Feb."),
    pgettext_noop("abbrev. month", "March"),
    pgettext_noop("abbrev. month", "April"),
    pgettext_noop("abbrev. month", "May"),
    pgettext_noop("abbrev. month", "June"),
    pgettext_noop("abbrev. month", "July"),
    pgettext_noop("abbrev. month", "Aug."),
    pgettext_noop("abbrev. month", "Sept."),
    pgettext_noop("abbrev. month", "Oct."),
    pgettext_noop("abbrev. month", "Nov."),
    pgettext_noop("abbrev. month", "Dec."),
    # WEEKDAYS and WEEKDAYS_ABBR (date formats "l" and "D"); Croatian capitalises them
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("Mon"),
    gettext_noop("Tue"),
    gettext_noop("Wed"),
    gettext_noop("Thu"),
    gettext_noop("Fri"),
    gettext_noop("Sat"),
    gettext_noop("Sun"),
    # date formats "a" and "A" (Croatian: "ujutro"/"popodne", i.e. "in the morning")
    gettext_noop("a.m."),
    gettext_noop("p.m."),
    gettext_noop("AM"),
    gettext_noop("PM"),
    # ---- Wagtail's back office: Croatian words (spremi, stvori, sustav, izvješća,
    # povijest, skica, uživo, sjedišta, tijek...) or no Croatian at all
    gettext_noop("Save"),  # Spremi
    gettext_noop("Save draft"),  # Spremi skicu
    gettext_noop("Saving…"),  # Spremanje...
    gettext_noop("Create"),  # Stvori
    gettext_noop("Delete"),  # Izbriši
    gettext_noop("Yes, delete"),  # Da, izbriši
    gettext_noop("No, don't delete"),  # Ne, nemoj izbrisati
    gettext_noop("Are you sure you want to delete this page?"),
    gettext_noop("Edit"),  # Uredi
    gettext_noop("Edit this page"),  # Uredi ovu stranicu
    gettext_noop("Add"),  # Django's admin: Novi unos
    gettext_noop("Add child page"),
    gettext_noop("Cancel"),  # Odustani
    gettext_noop("Search"),
    gettext_noop("Search term"),  # Pojam za pretraživanje
    gettext_noop("Settings"),  # Postavke
    gettext_noop("Reports"),  # Izvješća
    gettext_noop("Dashboard"),  # Kontrolna ploča
    gettext_noop("Help"),
    gettext_noop("Account"),  # Korisnički račun
    gettext_noop("Profile"),
    gettext_noop("Notifications"),
    gettext_noop("History"),  # Povijest
    gettext_noop("Site history"),  # Povijest sjedišta
    gettext_noop("Sites"),  # Sjedišta
    gettext_noop("Publish"),
    gettext_noop("Publishing…"),  # Objava u tijeku...
    gettext_noop("Schedule to publish"),
    gettext_noop("Unpublish"),  # Odjavi
    gettext_noop("Unpublished"),  # Odjavljeno
    gettext_noop("Draft"),  # Skica
    gettext_noop("Live"),  # Uživo
    gettext_noop("View live"),  # Pogledaj uživo
    gettext_noop("live"),  # uživo
    gettext_noop("draft"),  # skica
    gettext_noop("live + draft"),
    gettext_noop("expired"),  # istekao rok
    gettext_noop("in moderation"),  # u moderiranju
    gettext_noop("Preview"),
    gettext_noop("Promote"),  # Promoviraj (the editor's tab)
    gettext_noop("Unlock"),  # Odblokiraj / Otključavanje
    gettext_noop("Compare"),
    gettext_noop("Upload"),  # Prijenos
    gettext_noop("Choose"),  # Odaberite
    gettext_noop("Choose a page"),
    gettext_noop("Choose an image"),
    gettext_noop("Choose a document"),
    gettext_noop("Collections"),  # Zbirke
    gettext_noop("Snippets"),  # Izresci
    gettext_noop("Workflows"),  # Tijekovi rada
    gettext_noop("Workflow tasks"),  # Zadaci tijeka rada
    gettext_noop("Aging pages"),
    gettext_noop("Page types usage"),
    gettext_noop("Sort menu order"),  # Sortiraj poredak izbornika
    gettext_noop("Your most recent edits"),  # Vaša nedavna uređivanja
    gettext_noop("Awaiting your review"),
    gettext_noop("Site summary"),  # Sažetak
    gettext_noop("Toggle sidebar"),
    gettext_noop("Back"),  # Povratak
    gettext_noop("Clear"),  # Isprazni
    gettext_noop("Apply filters"),  # Primjeni filtere
    gettext_noop("Forgotten password?"),
    gettext_noop("system"),  # sustav (the audit log's "user" of automatic changes)
    gettext_noop("Site"),  # Sjedište
    gettext_noop("Default"),  # Zadano
    gettext_noop("default"),  # zadano ("[default]" after the site's name)
    gettext_noop("Created"),  # Stvoreno (history and audit log)
    gettext_noop("Edited"),  # Uređeno
    gettext_noop("Editing"),  # Uređivanje
    gettext_noop("Editing %(page_type)s"),
    gettext_noop("Draft saved"),  # Spremljena skica
    gettext_noop("Current draft"),  # Trenutna skica
    gettext_noop("View draft"),  # Pogledaj skicu
    gettext_noop("Live version"),  # Verzija uživo
    gettext_noop("Visit the live page"),
    gettext_noop("Compare with live version"),
    gettext_noop("Page '%(page_title)s' created."),
    gettext_noop("Page '%(page_title)s' created and published."),
    gettext_noop("Page '%(page_title)s' created and submitted for moderation."),
    gettext_noop("Page '%(page_title)s' created and scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("Create a page in"),
    gettext_noop("Create a page in %(title)s"),
    gettext_noop("Choose which type of page you'd like to create."),
    gettext_noop("Delete %(title)s"),  # Izbriši
    gettext_noop("Yes, delete it"),
    gettext_noop("Delete image"),
    gettext_noop("Delete document"),
    gettext_noop("Delete user"),
    gettext_noop("Uploading…"),  # Prijenos u tijeku...
    gettext_noop("Signing in…"),
    gettext_noop("In progress"),  # U tijeku
    gettext_noop("Workflow"),  # Tijek rada
    gettext_noop("Workflow history"),
    gettext_noop("This page is locked to further editing"),
    gettext_noop("Privacy changes apply to all children of this page too."),
    gettext_noop("Edit your notification preferences here:"),
    # no Croatian at all, on the pages editors use every day
    gettext_noop("Filter by"),
    gettext_noop("Date updated"),
    gettext_noop("Owner"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Page type"),
    gettext_noop("Any"),
    gettext_noop("View history"),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Visible to all"),
    gettext_noop("Saved"),
    gettext_noop("Keyboard shortcuts"),
    gettext_noop("Bulk actions"),
    # ---- django-allauth: sign-in, sign-up, password, e-mail and MFA pages
    # (račun, ponovno, netko, resetiranje, preglednik, dodan, generiraj...)
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),  # Lozinka (unesi ponovo)
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),  # ponovno
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect password."),
    gettext_noop("Incorrect code."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("Password Reset"),  # Resetiranje lozinke
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. "
        "Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop("Change Password"),
    gettext_noop("Set Password"),
    gettext_noop("Bad Token"),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  "
        'Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Your password is now changed."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Email Addresses"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Primary"),
    gettext_noop("Make Primary"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("Warning:"),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email address "
        "so you can receive notifications, reset your password, etc."
    ),
    gettext_noop("Confirm Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_noop("Confirm"),
    gettext_noop(
        "This email confirmation link expired or is invalid. "
        'Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_noop("Unable to confirm %(email)s because it is already confirmed by a different account."),
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. "
        "If you do not see the verification email in your main inbox, check your spam folder. "
        "Please contact us if you do not receive the verification email within a few minutes."
    ),
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Enter your password:"),
    gettext_noop("Enter an authenticator code:"),
    gettext_noop("Use your password"),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Note"),
    gettext_noop("You are already logged in as %(user_display)s."),
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
    # allauth's messages after an action
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Password successfully changed."),
    gettext_noop("Password successfully set."),
    gettext_noop("Removed email address %(email)s."),
    gettext_noop("Primary email address set."),
    gettext_noop("Authenticator app activated."),
    gettext_noop("Authenticator app deactivated."),
    gettext_noop("Security key added."),
    gettext_noop("Security key removed."),
    gettext_noop("A new set of recovery codes has been generated."),
    # allauth's MFA forms and pages we do not override
    gettext_noop("Code"),
    gettext_noop("Authenticator code"),
    gettext_noop("Edit Security Key"),
    gettext_noop("Remove Security Key"),
    gettext_noop("Are you sure you want to remove this security key?"),
    gettext_noop("Passwordless"),
    gettext_noop(
        "Enabling passwordless operation allows you to sign in using just this key, "
        "but imposes additional requirements such as biometrics or PIN protection."
    ),
    gettext_noop("Master key"),
    gettext_noop("Backup key"),
    gettext_noop("Key nr. {number}"),
    gettext_noop("Recovery codes"),
    gettext_noop("This functionality requires JavaScript."),
    # allauth's notification e-mails (in our account/email/base_notification.txt)
    gettext_noop("Password Changed"),
    gettext_noop("Your password has been changed."),
    gettext_noop("Password Set"),
    gettext_noop("Your password has been set."),
    gettext_noop("Your password has been reset."),
    gettext_noop("Email Changed"),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop("Email Confirmation"),
    gettext_noop("Your email has been confirmed."),
    gettext_noop("Email Removed"),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("Authenticator App Activated"),
    gettext_noop("Authenticator App Deactivated"),
    gettext_noop("Security Key Added"),
    gettext_noop("A new security key has been added."),
    gettext_noop("Security Key Removed"),
    gettext_noop("A security key has been removed."),
    gettext_noop("New Recovery Codes Generated"),
    gettext_noop("A new set of Two-Factor Authentication recovery codes has been generated."),
    # Django's password validators ("sadržavati")
    gettext_noop("This password is too common."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is entirely numeric."),
    # ...and their help texts on the sign-up and password pages (no Croatian)
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
)


# --------------------------------------------------------------------------
# Compiling (msgfmt) and the Croatian fallback
# --------------------------------------------------------------------------


def own_catalogues() -> list[Path]:
    root = BASE_DIR / "infocentar" / "locale"
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def compile_po(po_path: Path, force: bool = False) -> bool:
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    catalogue = polib.pofile(str(po_path))
    # Fuzzy entries are not used, as with msgfmt.
    for entry in catalogue.fuzzy_entries():
        catalogue.remove(entry)
    catalogue.save_as_mofile(str(mo_path))
    return True


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def fallback_sources(domain: str = "django") -> list[Path]:
    paths: list[Path] = []
    for package in FALLBACK_PACKAGES:
        base = _package_dir(package)
        if base is None:
            continue
        for language in FALLBACK_SOURCE_LANGUAGES:
            paths.extend(sorted(base.rglob(f"locale/{language}/LC_MESSAGES/{domain}.mo")))
    return paths


def build_fallback(target_root: Path, domain: str = "django", force: bool = False) -> Path:
    target = target_root / "cnr" / "LC_MESSAGES" / f"{domain}.mo"
    sources = fallback_sources(domain)
    newest = max((p.stat().st_mtime for p in sources), default=0)
    if not force and target.exists() and target.stat().st_mtime >= newest:
        return target
    merged = polib.MOFile()
    merged.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "cnr",
        "Plural-Forms": PLURAL_FORMS,
    }
    seen: set[tuple[str | None, str]] = set()
    # Earlier packages win: Django's own strings over an app's copy of them.
    for source in sources:
        mo = polib.mofile(str(source))
        for entry in mo:
            key = (entry.msgctxt, entry.msgid)
            if not entry.msgid or key in seen:
                continue
            if not (entry.msgstr or any(entry.msgstr_plural.values())):
                continue
            plural_forms = mo.metadata.get("Plural-Forms", "")
            if entry.msgid_plural and "nplurals=3" not in plural_forms.replace(" ", ""):
                continue
            seen.add(key)
            merged.append(entry)
    target.parent.mkdir(parents=True, exist_ok=True)
    merged.save(str(target))
    return target


def build_all(force: bool = False) -> tuple[list[Path], Path]:
    """Compile ours and build the fallback; needs no Django set-up (runs before it)."""
    var_dir = Path(os.environ.get("INFOCENTAR_VAR_DIR", str(BASE_DIR / "var")))
    compiled = [po for po in own_catalogues() if compile_po(po, force=force)]
    return compiled, build_fallback(var_dir / "locale", force=force)


# --------------------------------------------------------------------------
# Extraction (xgettext)
# --------------------------------------------------------------------------

# The keywords Django's makemessages gives xgettext, plus xgettext's own
# Python defaults and our no-op markers. Babel's spec: argument positions
# (1-based) of the message(s), (n, "c") for the context.
KEYWORDS: dict[str, tuple | None] = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "pgettext_noop": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators",)
SOURCE_ROOT = "infocentar"
TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")
EXCLUDED_DIRS = frozenset(("migrations", "tests", "locale", "static", "__pycache__", "node_modules"))

# Printf-style placeholders that make xgettext flag a msgid "python-format".
# Stricter than Python's grammar on purpose: "50% off" is not a placeholder.
_PYTHON_FORMAT = re.compile(r"%(?:\([^)\s]+\))?[#0+-]?(?:\d+|\*)?(?:\.(?:\d+|\*))?[sdifrxXeEgGoc%]")

MessageKey = tuple[str, str]  # (msgctxt or "", msgid)


class ExtractionError(Exception):
    """A source file could not be read for translatable strings."""


@dataclass
class Message:
    """One translatable string found in the code, with every place it occurs."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    locations: set[tuple[str, int]] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)

    @property
    def key(self) -> MessageKey:
        return (self.msgctxt or "", self.msgid)


def _excluded(relative: Path) -> bool:
    parts = relative.parts
    if any(part in EXCLUDED_DIRS for part in parts[:-1]):
        return True
    name = parts[-1]
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def source_files(root: Path = BASE_DIR) -> list[Path]:
    """Our Python modules and Django templates, without migrations and tests, in a stable order."""
    base = root / SOURCE_ROOT
    found: list[Path] = []
    for path in base.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(root)
        if _excluded(relative):
            continue
        if path.suffix == ".py" or (path.suffix in TEMPLATE_SUFFIXES and "templates" in relative.parts):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _python_source(path: Path) -> bytes:
    if path.suffix == ".py":
        return path.read_bytes()
    # Django's own way of reading a template for gettext: {% translate %},
    # {% blocktranslate %} (count, context, trimmed, with) and _("...") become
    # gettext()/npgettext() calls on the same lines; everything else is masked.
    from django.utils.translation.template import templatize

    try:
        return templatize(path.read_text(encoding="utf-8"), origin=str(path)).encode("utf-8")
    except Exception as exc:  # a broken template is an error to report, whatever its kind
        raise ExtractionError(f"{path}: {exc}") from exc


def extract_file(path: Path) -> Iterator[tuple[int, str, str | None, str | None, list[str]]]:
    """(line, msgid, msgid_plural, msgctxt, comments) for each translatable string in a file."""
    from babel.messages.extract import extract

    source = io.BytesIO(_python_source(path))
    source.name = str(path)  # for Babel's warnings
    try:
        results = list(
            extract(
                "python",
                source,
                keywords=KEYWORDS,
                comment_tags=COMMENT_TAGS,
                options={"encoding": "utf-8"},
            )
        )
    except SyntaxError as exc:
        raise ExtractionError(f"{path}: {exc}") from exc
    for lineno, messages, comments, context in results:
        if isinstance(messages, tuple):
            singular, plural = messages[0], messages[1] if len(messages) > 1 else None
        else:
            singular, plural = messages, None
        if singular:
            yield lineno, singular, plural or None, context, list(comments)


def extract_messages(root: Path = BASE_DIR, files: Iterable[Path] | None = None) -> dict[MessageKey, Message]:
    """Every translatable string of the project, keyed by (msgctxt, msgid)."""
    found: dict[MessageKey, Message] = {}
    for path in files if files is not None else source_files(root):
        relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        for lineno, msgid, plural, context, comments in extract_file(path):
            key = (context or "", msgid)
            message = found.get(key)
            if message is None:
                message = found[key] = Message(msgid=msgid, msgctxt=context)
            if plural and not message.msgid_plural:
                message.msgid_plural = plural
            message.locations.add((relative, lineno))
            for comment in comments:
                if comment not in message.comments:
                    message.comments.append(comment)
    return found


# --------------------------------------------------------------------------
# Merging (msgmerge)
# --------------------------------------------------------------------------

LOCATION_MODES = ("file", "full", "never")
FUZZY_CUTOFF = 0.8
WRAP_WIDTH = 79  # as xgettext and msgmerge


@dataclass
class CatalogueChanges:
    """What update_catalogue did (or would do) to a .po file."""

    added: list[MessageKey] = field(default_factory=list)
    guessed: list[MessageKey] = field(default_factory=list)  # added with a fuzzy translation
    revived: list[MessageKey] = field(default_factory=list)  # back from obsolete
    obsoleted: list[MessageKey] = field(default_factory=list)
    removed: list[MessageKey] = field(default_factory=list)
    updated: list[MessageKey] = field(default_factory=list)  # references, comments, flags, plural
    old_text: str = ""
    new_text: str = ""

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    def describe(self) -> list[str]:
        lines = []
        for label, keys in (
            ("new", self.added),
            ("new, translation guessed (fuzzy)", self.guessed),
            ("back in use", self.revived),
            ("no longer used (obsolete)", self.obsoleted),
            ("removed", self.removed),
            ("references, comments or flags changed", self.updated),
        ):
            for context, msgid in keys:
                shown = f"[{context}] {msgid}" if context else msgid
                lines.append(f"{label}: {shown!r}")
        if self.changed and not lines:
            lines.append("layout only (line wrapping, order or header): run update_catalogue to normalise")
        return lines

    def diff(self, name: str = "django.po", limit: int = 200) -> list[str]:
        lines = list(
            difflib.unified_diff(
                self.old_text.splitlines(),
                self.new_text.splitlines(),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
                lineterm="",
            )
        )
        if len(lines) > limit:
            lines = [*lines[:limit], f"... ({len(lines) - limit} more lines)"]
        return lines


def _entry_key(entry: polib.POEntry) -> MessageKey:
    return (entry.msgctxt or "", entry.msgid)


def _is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _signature(entry: polib.POEntry) -> tuple:
    return (
        entry.obsolete,
        entry.msgid_plural,
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())),
        tuple(entry.flags),
        tuple(entry.occurrences),
        entry.comment,
        entry.tcomment,
        entry.previous_msgid,
    )


def _sort_key(entry: polib.POEntry) -> tuple[str, str, str]:
    # By msgid, so that a context variant sits next to its plain msgid and
    # moving code around never reorders the file.
    return (entry.msgid, entry.msgctxt or "", entry.msgid_plural or "")


def _occurrences(message: Message, mode: str) -> list[tuple[str, str]]:
    if mode == "never":
        return []
    if mode == "file":
        return [(path, "") for path in sorted({path for path, _line in message.locations})]
    return [(path, str(line)) for path, line in sorted(message.locations)]


def _set_flag(entry: polib.POEntry, flag: str, on: bool) -> None:
    if on and flag not in entry.flags:
        entry.flags.append(flag)
    elif not on and flag in entry.flags:
        entry.flags.remove(flag)


def _python_format(message: Message) -> bool:
    return any(_PYTHON_FORMAT.search(text) for text in (message.msgid, message.msgid_plural or ""))


def _shape_plural(entry: polib.POEntry, msgid_plural: str | None) -> None:
    """Make the msgstr fields fit a singular or a three-form plural entry."""
    if msgid_plural:
        if not entry.msgid_plural and entry.msgstr:
            # Was singular: keep the translation as a hint for the first form.
            entry.msgstr_plural = {0: entry.msgstr}
            entry.flags.append("fuzzy")
        elif entry.msgid_plural and entry.msgid_plural != msgid_plural and _is_translated(entry):
            entry.previous_msgid_plural = entry.msgid_plural
            entry.flags.append("fuzzy")
        entry.msgid_plural = msgid_plural
        entry.msgstr = ""
        entry.msgstr_plural = {i: entry.msgstr_plural.get(i, "") for i in range(NPLURALS)}
    else:
        if entry.msgid_plural:
            if not entry.msgstr and entry.msgstr_plural.get(0):
                entry.msgstr = entry.msgstr_plural[0]
                entry.flags.append("fuzzy")
            entry.msgid_plural = ""
            entry.msgstr_plural = {}


def _guess(message: Message, candidates: dict[MessageKey, polib.POEntry]) -> polib.POEntry | None:
    """A vanished translated msgid close enough to reuse as a fuzzy guess (msgmerge's fuzzy matching)."""
    context = message.key[0]
    same_context = {msgid: entry for (ctx, msgid), entry in candidates.items() if ctx == context}
    match = difflib.get_close_matches(message.msgid, list(same_context), n=1, cutoff=FUZZY_CUTOFF)
    return same_context[match[0]] if match else None


def _new_catalogue(language: str) -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalogue.header = f"Translation of Infocentar ({language})."
    catalogue.metadata = {
        "Project-Id-Version": "infocentar",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    return catalogue


def merge_catalogue(
    po_path: Path,
    messages: dict[MessageKey, Message],
    *,
    locations: str = "file",
    keep_obsolete: bool = True,
    fuzzy_matching: bool = True,
) -> tuple[polib.POFile, CatalogueChanges]:
    """The .po file brought in line with the extracted messages (not saved).

    New msgids come in untranslated (or with a fuzzy guess from a vanished
    look-alike), translations of existing ones are kept, vanished ones become
    obsolete (kept at the end of the file, out of use, in case they return)
    or are removed when untranslated or when keep_obsolete is false.
    """
    if locations not in LOCATION_MODES:
        raise ValueError(f"locations must be one of {LOCATION_MODES}, not {locations!r}")
    language = po_path.parent.parent.name
    if po_path.exists():
        old_text = po_path.read_text(encoding="utf-8")
        old = polib.pofile(old_text, wrapwidth=WRAP_WIDTH)
    else:
        old_text = ""
        old = _new_catalogue(language)
    changes = CatalogueChanges(old_text=old_text)

    old_entries: dict[MessageKey, polib.POEntry] = {}
    for entry in old:
        key = _entry_key(entry)
        # A duplicate (hand-edited file): the active or translated copy wins.
        if key not in old_entries or (old_entries[key].obsolete and not entry.obsolete):
            old_entries[key] = entry
    before = {key: _signature(entry) for key, entry in old_entries.items()}
    vanished = {
        key: entry
        for key, entry in old_entries.items()
        if key not in messages and _is_translated(entry) and not entry.fuzzy
    }

    new = polib.POFile(wrapwidth=WRAP_WIDTH)
    new.header = old.header
    new.metadata = dict(old.metadata)
    new.metadata.setdefault("Plural-Forms", PLURAL_FORMS)
    new.metadata.setdefault("Content-Type", "text/plain; charset=UTF-8")
    new.metadata.setdefault("Language", language)
    new.metadata_is_fuzzy = old.metadata_is_fuzzy

    active: list[polib.POEntry] = []
    for key, message in messages.items():
        entry = old_entries.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=message.msgid, msgctxt=message.msgctxt, msgstr="")
            guess = _guess(message, vanished) if fuzzy_matching else None
            if guess is not None:
                entry.msgstr = guess.msgstr
                entry.msgstr_plural = dict(guess.msgstr_plural)
                entry.msgid_plural = guess.msgid_plural
                entry.previous_msgid = guess.msgid
                entry.flags.append("fuzzy")
                changes.guessed.append(key)
            else:
                changes.added.append(key)
        elif entry.obsolete:
            entry.obsolete = False
            changes.revived.append(key)
        _shape_plural(entry, message.msgid_plural)
        entry.occurrences = _occurrences(message, locations)
        entry.comment = "\n".join(message.comments)
        _set_flag(entry, "python-format", _python_format(message))
        if "fuzzy" in entry.flags:
            entry.flags = ["fuzzy", *sorted({flag for flag in entry.flags if flag != "fuzzy"})]
        else:
            entry.flags = sorted(set(entry.flags))
        if not entry.fuzzy:
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if key in before and key not in changes.revived and _signature(entry) != before[key]:
            changes.updated.append(key)
        active.append(entry)

    retired: list[polib.POEntry] = []
    for key, entry in old_entries.items():
        if key in messages:
            continue
        if keep_obsolete and _is_translated(entry):
            if not entry.obsolete:
                changes.obsoleted.append(key)
            entry.obsolete = True
            entry.occurrences = []
            entry.comment = ""
            retired.append(entry)
        else:
            changes.removed.append(key)

    for entry in sorted(active, key=_sort_key) + sorted(retired, key=_sort_key):
        new.append(entry)
    changes.new_text = render_catalogue(new)
    for keys in (changes.added, changes.guessed, changes.revived, changes.obsoleted, changes.removed):
        keys.sort(key=lambda key: (key[1], key[0]))
    changes.updated.sort(key=lambda key: (key[1], key[0]))
    return new, changes


def render_catalogue(catalogue: polib.POFile) -> str:
    return str(catalogue).rstrip("\n") + "\n"


def update_catalogue(
    po_path: Path,
    messages: dict[MessageKey, Message] | None = None,
    *,
    check: bool = False,
    **options,
) -> tuple[polib.POFile, CatalogueChanges]:
    """Merge the project's strings into po_path; with check=True only report what would change."""
    if messages is None:
        messages = extract_messages()
    catalogue, changes = merge_catalogue(po_path, messages, **options)
    if changes.changed and not check:
        po_path.parent.mkdir(parents=True, exist_ok=True)
        po_path.write_text(changes.new_text, encoding="utf-8")
    return catalogue, changes


if __name__ == "__main__":
    done, fallback = build_all(force="--force" in sys.argv)
    print(f"Translation catalogues: {len(done)} compiled, fallback at {fallback}.")
