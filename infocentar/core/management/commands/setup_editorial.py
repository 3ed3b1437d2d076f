"""Set up the editorial work on a new install: role groups, the moderation workflow, the editorial sections' groups."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Create the role groups and the moderation workflow (editors submit, approvers publish) on every site's home "
        "page, and the editorial sections' groups. Safe to run again: what exists is kept."
    )

    def handle(self, *args, **options):
        from wagtail.models import WorkflowPage

        from infocentar.core.services import ensure_editorial_setup

        workflow = ensure_editorial_setup()  # one transaction
        pages = WorkflowPage.objects.filter(workflow=workflow).count()
        self.stdout.write(
            _("Editorial set-up done: the workflow “%(name)s” moderates %(pages)s site(s).")
            % {"name": workflow.name, "pages": pages}
        )
