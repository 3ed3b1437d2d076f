"""manage.py import_inventory FILE [--kind assets|licences|people] [--dry-run] [--only-valid]"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from infocentar.inventory import importing


class ProgressBar:
    """A plain progress bar on the terminal (no dependency): [#####-----] 50% 5000/10000 1.2 s."""

    def __init__(self, stream, label: str, width: int = 40) -> None:
        self.stream, self.label, self.width = stream, label, width
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1
        filled = int(self.width * share)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'-' * (self.width - filled)}] {share:4.0%} {done}/{total} {elapsed:.1f} s"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Import equipment, licences or people from a CSV or XLSX file (nothing is written if a row is wrong)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--kind", choices=sorted(importing.COLUMNS), default="assets")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; write nothing.")
        parser.add_argument("--only-valid", action="store_true", help="Import the valid rows and skip the others.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            headers, rows = importing.read_table(path.name, path.read_bytes())
        except importing.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        checking = None if options["no_progress"] else ProgressBar(self.stdout, "Checking ")
        report = importing.validate(options["kind"], headers, rows, progress=checking)
        for message in report.header_errors:
            self.stderr.write(f"row 1: {message}")
        for row, errors in report.row_errors[:200]:
            self.stderr.write(f"row {row}: " + " ".join(errors))
        if len(report.row_errors) > 200:
            self.stderr.write(f"… and {len(report.row_errors) - 200} more rows with errors")
        self.stdout.write(f"{report.total} rows: {len(report.valid)} valid, {len(report.row_errors)} with errors")
        if report.header_errors:
            raise CommandError("The columns are wrong; nothing was imported.")
        if options["dry_run"]:
            return
        if report.row_errors and not options["only_valid"]:
            raise CommandError("Nothing was imported. Fix the rows above, or use --only-valid.")
        progress = None if options["no_progress"] else ProgressBar(self.stdout, "Importing")
        started = time.monotonic()
        run = importing.apply(report, file_name=path.name, only_valid=options["only_valid"], progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {run.imported_rows} rows in {time.monotonic() - started:.1f} s (report #{run.pk})."
            )
        )
        sys.stdout.flush()
