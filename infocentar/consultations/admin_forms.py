"""Back-office forms of the debates: choices limited to the user's debates, checks the services also make."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from infocentar.core.scoping import visible_organisation_ids

from . import services
from .models import Comment, CommentSource, CommentStatus, Consultation, ConsultationStatus


def scoped_consultations(user):
    ids = visible_organisation_ids(user, roles=("moderator",))
    debates = Consultation.objects.select_related("act_version")
    return debates if ids is None else debates.filter(organisation__in=ids)


class ConsultationForm(WagtailAdminModelForm):
    """A debate: the version to debate is a draft of an act still in draft or under debate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from infocentar.acts.models import ActStatus, ActVersion, VersionKind

        if "act_version" in self.fields:
            versions = ActVersion.objects.filter(
                kind=VersionKind.DRAFT, act__status__in=[ActStatus.DRAFT, ActStatus.PUBLIC_DEBATE]
            )
            if self.instance.act_version_id:
                versions = versions | ActVersion.objects.filter(pk=self.instance.act_version_id)
            self.fields["act_version"].queryset = ActVersion.objects.filter(
                pk__in=list(versions.order_by("-act_id", "position").values_list("pk", flat=True)[:500])
            ).select_related("act")
        if "ends_at" in self.fields:
            self.fields["ends_at"].required = False
            self.fields["ends_at"].help_text = _("Leave empty for the default length of a debate.")
        if "title" in self.fields:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Leave empty to use the act's title.")

    def clean(self):
        data = super().clean()
        starts_at = data.get("starts_at")
        if starts_at and not data.get("ends_at"):
            data["ends_at"] = services.default_end(starts_at)
            self.instance.ends_at = data["ends_at"]
        version = data.get("act_version")
        if version is not None and not data.get("title"):
            data["title"] = version.act.title[:255]
            self.instance.title = data["title"]
        return data


class CommentForm(WagtailAdminModelForm):
    """A comment entered by staff (paper, post, front office, e-mail), or the moderation of one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from infocentar.acts.models import Article

        user = self.for_user
        if "consultation" in self.fields:
            debates = scoped_consultations(user).exclude(status=ConsultationStatus.PLANNED)
            self.fields["consultation"].queryset = debates
        consultation_id = (
            self.instance.consultation_id or self.data.get("consultation") or self.initial.get("consultation")
        )
        if "article" in self.fields:
            version_id = None
            if consultation_id and str(consultation_id).isdigit():
                version_id = (
                    scoped_consultations(user)
                    .filter(pk=int(consultation_id))
                    .values_list("act_version", flat=True)
                    .first()
                )
            self.fields["article"].queryset = Article.objects.filter(version_id=version_id).order_by("position")
            if version_id is None:
                self.fields["article"].help_text = _(
                    "Choose the debate and save; the articles of its draft can then be chosen."
                )
        if "source" in self.fields and self.instance.source != CommentSource.ONLINE:
            self.fields["source"].choices = [c for c in CommentSource.choices if c[0] != CommentSource.ONLINE]
        if self.instance.pk and self.instance.source == CommentSource.ONLINE:
            # What a citizen wrote is theirs: staff moderate it, they do not rewrite it.
            for name in (
                "consultation",
                "article",
                "quote",
                "text",
                "author_name",
                "author_email",
                "source",
                "received_on",
            ):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == CommentStatus.HIDDEN and not (data.get("hidden_reason") or "").strip():
            self.add_error("hidden_reason", _("Give the reason for removing the comment; the website shows it."))
        if self.instance.pk and self.instance.source == CommentSource.ONLINE:
            return data
        consultation = data.get("consultation")
        received_on = data.get("received_on")
        if consultation is not None and received_on is not None:
            if received_on > timezone.localdate():
                self.add_error("received_on", _("The date received cannot be in the future."))
            elif received_on > timezone.localdate(consultation.ends_at):
                self.add_error(
                    "received_on", _("The comment arrived after the debate closed and cannot be taken into account.")
                )
            elif received_on < timezone.localdate(consultation.starts_at):
                self.add_error("received_on", _("The comment arrived before the debate started."))
        article = data.get("article")
        if article is not None and consultation is not None and article.version_id != consultation.act_version_id:
            self.add_error("article", _("The article you commented on is not part of this draft."))
        text = data.get("text")
        if text:
            try:
                data["text"], data["quote"], _markup = services.check_text(text, data.get("quote") or "")
            except services.ConsultationError as exc:
                self.add_error("text", exc.message)
            else:
                self.instance.text, self.instance.quote = data["text"], data["quote"]
        return data


class AnswerForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "comment" in self.fields:
            ids = visible_organisation_ids(self.for_user, roles=("moderator",))
            comments = Comment.objects.exclude(status=CommentStatus.HIDDEN).select_related("consultation")
            if ids is not None:
                comments = comments.filter(consultation__organisation__in=ids)
            wanted = self.instance.comment_id or self.data.get("comment") or self.initial.get("comment")
            if wanted and str(wanted).isdigit():
                comments = comments.filter(pk=int(wanted))
            else:
                comments = comments.filter(answer__isnull=True).order_by("-created_at")
                comments = Comment.objects.filter(pk__in=list(comments.values_list("pk", flat=True)[:300]))
            self.fields["comment"].queryset = comments
            if self.instance.pk:
                self.fields["comment"].disabled = True

    def clean(self):
        data = super().clean()
        comment = data.get("comment")
        if comment is not None and comment.status == CommentStatus.HIDDEN:
            self.add_error("comment", _("A comment removed by the moderator is not answered."))
        reasoning = data.get("reasoning")
        if reasoning is not None:
            data["reasoning"], _markup = services.plain_text(reasoning)
            self.instance.reasoning = data["reasoning"]
            if not data["reasoning"]:
                self.add_error("reasoning", _("Give the reasoning for the answer."))
        return data


class ReportForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from infocentar.acts.models import ActVersion

        if "consultation" in self.fields:
            debates = scoped_consultations(self.for_user).filter(report__isnull=True)
            if self.instance.consultation_id:
                debates = scoped_consultations(self.for_user).filter(pk=self.instance.consultation_id)
                self.fields["consultation"].disabled = True
            self.fields["consultation"].queryset = debates
        if "proposal_version" in self.fields:
            act_id = self.instance.consultation.act_version.act_id if self.instance.consultation_id else None
            self.fields["proposal_version"].queryset = ActVersion.objects.filter(act_id=act_id).select_related("act")


class MeetingForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "consultation" in self.fields:
            self.fields["consultation"].queryset = scoped_consultations(self.for_user)


class ModerationForm(forms.Form):
    """The moderation queue's bulk action."""

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(services.PUBLISH, _("Publish")), (services.HIDE, _("Remove (hide) with a reason"))],
    )
    reason = forms.CharField(label=_("Reason for removal"), required=False, max_length=500)
    comments = forms.ModelMultipleChoiceField(queryset=Comment.objects.none(), label=_("Comments"))

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if queryset is not None:
            self.fields["comments"].queryset = queryset

    def clean(self):
        data = super().clean()
        if data.get("action") == services.HIDE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for removing the comment; the website shows it."))
        return data


class CloseForm(forms.Form):
    force = forms.BooleanField(
        label=_("Close even though some comments are unanswered"),
        required=False,
    )
