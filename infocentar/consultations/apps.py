from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Django permissions the role groups hold (added to core's ROLE_PERMISSIONS); rows are scoped by the viewsets.
MODELS = ("consultation", "comment", "answer", "meeting", "report")
CONSULTATION_PERMISSIONS = {
    "ic_admin": ["add", "change", "delete", "view"],
    "moderator": ["add", "change", "view"],
}


class ConsultationsConfig(AppConfig):
    name = "infocentar.consultations"
    label = "consultations"
    verbose_name = _("Public debates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infocentar.accounts.services import register_export
        from infocentar.core import services
        from infocentar.core.periodic import register_periodic
        from infocentar.core.search import register

        from . import sections  # noqa: F401
        from .models import Consultation

        register(
            Consultation,
            label=_("Public debates"),
            queryset=lambda: Consultation.objects.public().select_related("organisation"),
            date="starts_at",
        )
        register_periodic(
            "consultations.open_close", "infocentar.consultations.jobs.open_and_close", every=timedelta(minutes=1)
        )
        register_periodic(
            "consultations.report_reminders", "infocentar.consultations.jobs.remind_reports", every=timedelta(hours=1)
        )
        register_periodic(
            "consultations.digests", "infocentar.consultations.jobs.send_digests", every=timedelta(minutes=15)
        )
        register_periodic(
            "consultations.answer_notifications",
            "infocentar.consultations.jobs.retry_answer_notifications",
            every=timedelta(minutes=30),
        )
        register_export(export_comments)
        from infocentar.acts.slots import register_act_panel

        from .act_panel import debate_panel

        register_act_panel(debate_panel)

        for role, actions in CONSULTATION_PERMISSIONS.items():
            granted = services.ROLE_PERMISSIONS.setdefault(role, [])
            for model in MODELS:
                for action in actions:
                    codename = f"consultations.{action}_{model}"
                    if codename not in granted:
                        granted.append(codename)
        granted = services.ROLE_PERMISSIONS.setdefault("ic_admin", [])
        for codename in ("consultations.change_consultationsettings",):
            if codename not in granted:
                granted.append(codename)


def export_comments(user) -> dict:
    """The person's comments in public debates, for their data download."""
    from .models import Comment

    rows = Comment.objects.filter(author=user).select_related("consultation", "article", "answer").order_by("pk")
    items = []
    for comment in rows:
        answer = getattr(comment, "answer", None) if hasattr(comment, "answer") else None
        items.append(
            {
                "debate": comment.consultation.title,
                "article": comment.article.number if comment.article_id else None,
                "quote": comment.quote,
                "text": comment.text,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "answer": {"outcome": answer.outcome, "reasoning": answer.reasoning}
                if answer is not None and answer.published_at
                else None,
            }
        )
    return {"consultations": items}
