"""Run the periodic jobs that are due (core.periodic): every minute from a timer, or in a loop."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from infocentar.core import periodic


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (opening and closing debates, SLA escalations, digests …)."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", metavar="job", help="Only these jobs (default: all).")
        parser.add_argument("--force", action="store_true", help="Run the jobs now even if they are not due.")
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks with --loop.")
        parser.add_argument("--list", action="store_true", help="List the registered jobs and stop.")

    def handle(self, *args, names, force, loop, interval, list: bool, **options) -> None:
        known = {job.name for job in periodic.jobs()}
        unknown = sorted(set(names) - known)
        if unknown:
            raise CommandError(f"Unknown periodic jobs: {', '.join(unknown)}. Known: {', '.join(sorted(known))}.")
        if list:
            for job in periodic.jobs():
                self.stdout.write(f"{job.name}\tevery {job.every}")
            return
        if interval < 1:
            raise CommandError("--interval must be at least 1 second.")
        while True:
            failed = self._pass(names, force)
            if not loop:
                break
            time.sleep(interval)
        if failed:
            raise CommandError(f"{failed} periodic job(s) failed; see the log.")

    def _pass(self, names, force) -> int:
        failed = 0
        for outcome in periodic.run_due(only=names or None, force=force):
            if not outcome.ran:
                continue
            if outcome.ok:
                self.stdout.write(f"{outcome.name}: {outcome.summary or 'done'}")
            else:
                failed += 1
                self.stderr.write(self.style.ERROR(f"{outcome.name}: {outcome.summary}"))
        return failed
