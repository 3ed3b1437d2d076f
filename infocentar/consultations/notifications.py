"""E-mails of the public debates: answers to authors, report reminders, subscriptions (text, in Montenegrin)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def unsubscribe_code(subscription) -> str:
    from .services import unsubscribe_code as code

    return code(subscription)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _send(subject: str, template: str, context: dict, to: list[str], headers: dict | None = None) -> bool:
    """Render and send one e-mail in the site's language; False (and a log line) when sending fails."""
    if not to:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"consultations/email/{template}.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(str(subject).split())
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or {})
    try:
        message.send()
    except Exception:  # a mail server down must not lose the answer: the e-mail is retried later
        logger.exception("Could not send %s to %s", template, to)
        return False
    return True


def answer_published(answer) -> bool:
    from django.utils.translation import gettext as _

    comment = answer.comment
    consultation = comment.consultation
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Answer to your comment: %(title)s") % {"title": consultation.title}
    context = {
        "comment": comment,
        "answer": answer,
        "consultation": consultation,
        "url": absolute(consultation.get_absolute_url()) + f"#{comment.anchor}",
    }
    return _send(subject, "answer", context, [comment.author_email])


def moderator_addresses(consultation) -> list[str]:
    from infocentar.core.models import Membership, Role

    emails = (
        Membership.objects.active()
        .filter(organisation_id=consultation.organisation_id, role=Role.MODERATOR, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def report_reminder(consultation, due: datetime.date) -> bool:
    from django.utils.translation import gettext as _

    with translation.override(settings.LANGUAGE_CODE):
        subject = _("The debate report is due on %(date)s: %(title)s") % {
            "date": due.strftime("%d.%m.%Y."),
            "title": consultation.title,
        }
    context = {
        "consultation": consultation,
        "due": due,
        "admin_url": absolute(reverse("consultations:edit", args=[consultation.pk])),
    }
    return _send(subject, "report_reminder", context, moderator_addresses(consultation))


def unsubscribe_headers(subscription) -> dict[str, str]:
    url = absolute(reverse("consultations-unsubscribe", args=[unsubscribe_code(subscription)]))
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def confirm_subscription(subscription) -> bool:
    from django.utils.translation import gettext as _

    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Confirm your subscription to public debates")
    context = {
        "subscription": subscription,
        "confirm_url": absolute(reverse("consultations-subscribe-confirm", args=[subscription.token])),
        "unsubscribe_url": absolute(reverse("consultations-unsubscribe", args=[unsubscribe_code(subscription)])),
    }
    return _send(subject, "confirm_subscription", context, [subscription.email])


def digest(subscription, debates: list, acts: list) -> bool:
    from django.utils.translation import gettext as _

    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New public debates and adopted acts")
    context = {
        "subscription": subscription,
        "debates": [(d, absolute(d.get_absolute_url())) for d in debates],
        "acts": [(a, absolute(a.get_absolute_url())) for a in acts],
        "unsubscribe_url": absolute(reverse("consultations-unsubscribe", args=[unsubscribe_code(subscription)])),
    }
    return _send(subject, "digest", context, [subscription.email], headers=unsubscribe_headers(subscription))
