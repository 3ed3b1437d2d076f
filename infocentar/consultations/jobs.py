"""Periodic jobs of the public debates (registered in apps.py, run by `manage.py run_periodic`)."""

from __future__ import annotations

from . import services


def open_and_close() -> str:
    return services.run_schedule()


def remind_reports() -> str:
    return services.remind_reports()


def send_digests() -> str:
    return services.send_digests()


def retry_answer_notifications() -> str:
    """Answers published while the mail server was down are sent now."""
    from .models import Answer

    pending = Answer.objects.filter(published_at__isnull=False, author_notified_at__isnull=True).exclude(
        comment__author_email=""
    )
    return f"sent {services._publish_answers(pending)}"
