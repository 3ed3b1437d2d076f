"""Load the demo municipality: every app's `demo.seed(stdout, style)`, in INSTALLED_APPS order."""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

DEMO_MODULE = "demo"


def demo_seeders() -> list[tuple[str, Callable]]:
    """(app label, seed function) of every installed app that has `<app>/demo.py` with `seed`."""
    seeders = []
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, DEMO_MODULE):
            continue
        module = import_module(f"{app_config.name}.{DEMO_MODULE}")
        seed = getattr(module, "seed", None)
        if callable(seed):
            seeders.append((app_config.label, seed))
    return seeders


class Command(BaseCommand):
    help = (
        "Load the demo municipality (Opština Primorje): organisations, people in every role, the website. "
        "Creates only what is missing, so it can run again at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("app_labels", nargs="*", metavar="app_label", help="Only these apps (default: all).")

    def handle(self, *args, app_labels: list[str], **options) -> None:
        seeders = demo_seeders()
        if app_labels:
            unknown = set(app_labels) - {label for label, _seed in seeders}
            if unknown:
                raise CommandError(f"No demo data in: {', '.join(sorted(unknown))}.")
            seeders = [(label, seed) for label, seed in seeders if label in app_labels]
        started = time.monotonic()
        # All or nothing: a failure in a later app leaves no half-seeded database.
        with transaction.atomic():
            for label, seed in seeders:
                self.stdout.write(self.style.MIGRATE_HEADING(f"{label}:"))
                seed(self.stdout, self.style)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(seeders)} apps, {elapsed:.1f} s).")
            + " Logins: manage.py print_demo_logins"
        )
