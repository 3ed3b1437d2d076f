from django.core.management.base import BaseCommand

from infocentar.core import i18n


class Command(BaseCommand):
    help = "Compile Infocentar's translation catalogues and build the Montenegrin fallbacks."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild even if nothing changed.")

    def handle(self, *args, force=False, **options):
        compiled, target = i18n.build_all(force=force)
        self.stdout.write(f"Compiled {len(compiled)} catalogue(s); fallback at {target}.")
