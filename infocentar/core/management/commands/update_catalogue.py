"""Extract the project's translatable strings and merge them into our .po catalogues."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from infocentar.core import i18n


class Command(BaseCommand):
    help = (
        "Extract every translatable string from Infocentar's Python code and templates and merge them "
        "into infocentar/locale/<language>/LC_MESSAGES/django.po (no GNU gettext needed). "
        "Compile afterwards with `make messages`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; exit with status 1 and show the differences if a catalogue is out of date.",
        )
        parser.add_argument(
            "-l",
            "--locale",
            action="append",
            dest="locales",
            metavar="LANGUAGE",
            help="Catalogue language (repeatable); default: every catalogue under infocentar/locale, or cnr.",
        )
        parser.add_argument(
            "--add-location",
            choices=i18n.LOCATION_MODES,
            default="file",
            help="Source references: file names only (default; diffs stay small when lines move), file:line, or none.",
        )
        parser.add_argument(
            "--no-obsolete",
            action="store_true",
            help="Remove vanished strings instead of keeping their translations as obsolete entries.",
        )
        parser.add_argument(
            "--no-fuzzy-matching",
            action="store_true",
            help="Do not guess translations of new strings from similar vanished ones.",
        )

    def handle(self, *args, check=False, locales=None, add_location="file", **options):
        try:
            messages = i18n.extract_messages()
        except i18n.ExtractionError as exc:
            raise CommandError(f"Cannot extract messages: {exc}") from exc
        out_of_date = []
        for po_path in self._catalogues(locales):
            name = po_path.relative_to(i18n.BASE_DIR).as_posix()
            catalogue, changes = i18n.update_catalogue(
                po_path,
                messages,
                check=check,
                locations=add_location,
                keep_obsolete=not options["no_obsolete"],
                fuzzy_matching=not options["no_fuzzy_matching"],
            )
            self._summary(name, catalogue, changes, check)
            if check and changes.changed:
                out_of_date.append(name)
                for line in changes.describe():
                    self.stdout.write(f"  {line}")
                if options["verbosity"] >= 2:
                    for line in changes.diff(name):
                        self.stdout.write(line)
        if out_of_date:
            raise CommandError(
                f"{', '.join(out_of_date)} out of date with the code: run `manage.py update_catalogue`.",
                returncode=1,
            )

    def _catalogues(self, locales: list[str] | None) -> list[Path]:
        root = i18n.BASE_DIR / "infocentar" / "locale"
        if not locales:
            found = [path for path in i18n.own_catalogues() if path.name == "django.po"]
            return found or [root / "cnr" / "LC_MESSAGES" / "django.po"]
        return [root / locale / "LC_MESSAGES" / "django.po" for locale in locales]

    def _summary(self, name, catalogue, changes, check: bool) -> None:
        active = [entry for entry in catalogue if not entry.obsolete]
        fuzzy = sum(1 for entry in active if entry.fuzzy)
        untranslated = sum(1 for entry in active if not entry.fuzzy and not entry.translated())
        translated = len(active) - fuzzy - untranslated
        counts = (
            f"{len(active)} msgids: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated"
            f"; {len(catalogue) - len(active)} obsolete"
        )
        news = (
            f"{len(changes.added)} new, {len(changes.guessed)} guessed, {len(changes.revived)} back in use, "
            f"{len(changes.obsoleted)} now obsolete, {len(changes.removed)} removed, "
            f"{len(changes.updated)} with new references"
        )
        if not changes.changed:
            state = "up to date"
        elif check:
            state = f"OUT OF DATE ({news})"
        else:
            state = f"updated ({news})"
        self.stdout.write(f"{name}: {state}. {counts}.")
