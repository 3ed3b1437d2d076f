"""Import organisations from a CSV file (checks only, unless --commit)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from infocentar.core.services import import_organisations_csv


class Command(BaseCommand):
    help = "Import organisations from CSV. Without --commit the file is only checked."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--commit", action="store_true", help="Write the changes (default: check only).")

    def handle(self, *args, path: Path, commit: bool, **options):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        result = import_organisations_csv(data, by=None, dry_run=not commit)
        for row, message in result.errors:
            self.stderr.write(f"row {row}: {message}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} problem(s); nothing was imported.")
        verb = "Imported" if commit else "Checked (nothing written; use --commit)"
        self.stdout.write(
            self.style.SUCCESS(f"{verb}: {result.created} new, {result.updated} updated, {result.unchanged} unchanged.")
        )
