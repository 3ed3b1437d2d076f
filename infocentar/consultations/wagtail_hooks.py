"""Back office of the public debates: debates, comments, answers, meetings and reports, scoped to the conducting
body for its moderators (everything for the Information Center's administrators), every change audited."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import Button
from wagtail.admin.widgets.button import MenuItem

from infocentar.core.text import fold
from infocentar.core.viewsets import ScopedModelViewSet

from . import admin_views
from .admin_forms import AnswerForm, CommentForm, ConsultationForm, MeetingForm, ReportForm
from .models import Answer, Comment, Consultation, ConsultationStatus, Meeting, Report

MODERATOR_ROLES = ("moderator",)


class FoldedSearchIndexView(IndexView):
    """Search in both scripts, with or without diacritics, over the stored folded text."""

    folded_field = "search_text"

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = fold(self.search_query)[:200]
        if not query:
            return queryset.none()
        for word in query.split()[:8]:
            queryset = queryset.filter(**{f"{self.folded_field}__icontains": word})
        return queryset


def _debate_buttons(consultation: Consultation) -> list[tuple[str, str, str]]:
    """(label, url, icon) of the actions that fit the debate's state."""
    buttons = []
    if consultation.status == ConsultationStatus.PLANNED:
        buttons.append((_("Open now"), reverse("consultations_open", args=[consultation.pk]), "resubmit"))
    if consultation.status == ConsultationStatus.OPEN:
        buttons.append((_("Close"), reverse("consultations_close", args=[consultation.pk]), "lock"))
    if consultation.status != ConsultationStatus.PLANNED:
        buttons.append(
            (
                _("Comments"),
                reverse("consultations_moderation") + f"?status=all&consultation={consultation.pk}",
                "comment",
            )
        )
        buttons.append(
            (
                _("Add a comment received on paper"),
                reverse("consultation_comments:add") + f"?consultation={consultation.pk}",
                "plus",
            )
        )
    if consultation.status in (ConsultationStatus.OPEN, ConsultationStatus.CLOSED, ConsultationStatus.REPORT_PUBLISHED):
        buttons.append((_("Report"), reverse("consultations_draft_report", args=[consultation.pk]), "doc-full"))
    return buttons


class ConsultationIndexView(FoldedSearchIndexView):
    folded_field = "title"

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(title__icontains=(self.search_query or "").strip()[:200])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(_debate_buttons(instance), start=40):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class ConsultationEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for priority, (label, url, icon) in enumerate(_debate_buttons(self.object), start=40):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class ConsultationViewSet(ScopedModelViewSet):
    model = Consultation
    index_view_class = ConsultationIndexView
    edit_view_class = ConsultationEditView
    icon = "comment"
    menu_label = _("Public debates")
    url_prefix = "consultations"
    name = "consultations"
    organisation_lookup = "organisation__in"
    scope_roles = MODERATOR_ROLES
    list_select_related = ("organisation",)
    list_display = [
        "title",
        Column("status", label=_("status"), accessor="get_status_display", sort_key="status"),
        Column("organisation", label=_("conducting body"), sort_key="organisation__name"),
        DateColumn("starts_at", label=_("start"), sort_key="starts_at"),
        DateColumn("ends_at", label=_("end"), sort_key="ends_at"),
    ]
    list_filter = ["status", "organisation", "moderation"]
    list_export = [
        "id",
        "title",
        "status",
        "organisation",
        "starts_at",
        "ends_at",
        "moderation",
        "opened_at",
        "closed_at",
    ]
    export_filename = "public-debates"
    search_fields = ["title"]
    ordering = ["-starts_at", "-id"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("act_version"),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("organisation"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    FieldRowPanel([FieldPanel("meeting_at"), FieldPanel("meeting_place")]),
                    FieldPanel("decision"),
                    FieldPanel("how_to_participate"),
                    FieldPanel("contact"),
                    FieldPanel("announced_in"),
                    FieldPanel("public_call"),
                ],
                heading=_("Programme of the debate"),
            ),
            FieldPanel("documents"),
            MultiFieldPanel(
                [FieldPanel("moderation"), FieldPanel("close_with_unanswered"), FieldPanel("is_public")],
                heading=_("Moderation and publication"),
            ),
        ],
        base_form_class=ConsultationForm,
    )


class CommentIndexView(FoldedSearchIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != "hidden":
            buttons.append(
                MenuItem(
                    _("Answer"),
                    url=reverse("consultation_answers:add") + f"?comment={instance.pk}",
                    icon_name="edit",
                    priority=40,
                )
            )
        return buttons


class InitialFromQueryCreateView(CreateView):
    """A create form that takes its starting debate or comment from the address (?consultation=, ?comment=)."""

    initial_params = ("consultation", "comment")

    def get_initial(self):
        initial = super().get_initial()
        for name in self.initial_params:
            value = (self.request.GET.get(name) or "").strip()
            if value.isascii() and value.isdigit() and int(value) < 2**63:
                initial[name] = int(value)
        return initial


class CommentViewSet(ScopedModelViewSet):
    model = Comment
    index_view_class = CommentIndexView
    add_view_class = InitialFromQueryCreateView
    icon = "comment"
    menu_label = _("Comments")
    url_prefix = "consultation-comments"
    name = "consultation_comments"
    organisation_lookup = "consultation__organisation__in"
    scope_roles = MODERATOR_ROLES
    list_select_related = ("consultation", "article")
    list_display = [
        Column("author_name", label=_("author"), sort_key="author_name"),
        Column("text", label=_("comment")),
        Column("consultation", label=_("public debate")),
        Column("status", label=_("status"), accessor="get_status_display", sort_key="status"),
        Column("source", label=_("source"), accessor="get_source_display", sort_key="source"),
        DateColumn("received_on", label=_("received"), sort_key="received_on"),
    ]
    list_filter = ["status", "source", "consultation"]
    list_export = ["id", "consultation", "article", "author_name", "source", "received_on", "status", "text", "quote"]
    export_filename = "debate-comments"
    search_fields = ["search_text"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            FieldPanel("article"),
            FieldRowPanel([FieldPanel("source"), FieldPanel("received_on")]),
            FieldRowPanel([FieldPanel("author_name"), FieldPanel("author_email")]),
            FieldPanel("quote"),
            FieldPanel("text"),
            MultiFieldPanel([FieldPanel("status"), FieldPanel("hidden_reason")], heading=_("Moderation")),
        ],
        base_form_class=CommentForm,
    )

    def on_saved(self, instance, request, created, before=None):
        if created:
            from django.utils import timezone

            from .services import digest

            Comment.objects.filter(pk=instance.pk).update(
                entered_by=request.user,
                moderated_by=request.user,
                moderated_at=timezone.now(),
                text_digest=digest(str(instance.article_id or ""), instance.text),
            )


class AnswerViewSet(ScopedModelViewSet):
    model = Answer
    add_view_class = InitialFromQueryCreateView
    icon = "tick"
    menu_label = _("Answers")
    url_prefix = "consultation-answers"
    name = "consultation_answers"
    organisation_lookup = "comment__consultation__organisation__in"
    scope_roles = MODERATOR_ROLES
    list_select_related = ("comment__consultation",)
    list_display = [
        Column("comment", label=_("comment")),
        Column("outcome", label=_("outcome"), accessor="get_outcome_display", sort_key="outcome"),
        DateColumn("published_at", label=_("published"), sort_key="published_at"),
    ]
    list_filter = ["outcome"]
    list_export = ["id", "comment", "outcome", "reasoning", "published_at"]
    export_filename = "debate-answers"
    ordering = ["-updated_at"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldPanel("comment"), FieldPanel("outcome"), FieldPanel("reasoning")], base_form_class=AnswerForm
    )

    def on_saved(self, instance, request, created, before=None):
        from . import services

        Answer.objects.filter(pk=instance.pk).update(answered_by=request.user)
        comment = instance.comment
        if comment.status == "pending":
            services.moderate(comment, request.user, services.PUBLISH)
        if comment.consultation.status == ConsultationStatus.REPORT_PUBLISHED:
            services._publish_answers(Answer.objects.filter(pk=instance.pk))


class MeetingViewSet(ScopedModelViewSet):
    model = Meeting
    icon = "group"
    menu_label = _("Meetings")
    url_prefix = "consultation-meetings"
    name = "consultation_meetings"
    organisation_lookup = "consultation__organisation__in"
    scope_roles = MODERATOR_ROLES
    list_select_related = ("consultation",)
    list_display = [
        Column("consultation", label=_("public debate")),
        Column("kind", label=_("kind"), accessor="get_kind_display", sort_key="kind"),
        DateColumn("held_at", label=_("held"), sort_key="held_at"),
        "place",
        "participants",
    ]
    list_export = ["id", "consultation", "kind", "held_at", "place", "participants", "summary"]
    ordering = ["-held_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            FieldPanel("kind"),
            FieldRowPanel([FieldPanel("held_at"), FieldPanel("participants")]),
            FieldPanel("place"),
            FieldPanel("summary"),
        ],
        base_form_class=MeetingForm,
    )


class ReportEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(_("Publish"), url=reverse("consultations_publish_report", args=[self.object.pk]), icon_name="upload")
        )
        buttons.append(
            Button(
                _("View on the website"),
                url=self.object.consultation.get_absolute_url(),
                icon_name="view",
                attrs={"target": "_blank", "rel": "noopener"},
            )
        )
        return buttons


class ReportViewSet(ScopedModelViewSet):
    model = Report
    edit_view_class = ReportEditView
    add_view_class = InitialFromQueryCreateView
    icon = "doc-full"
    menu_label = _("Debate reports")
    url_prefix = "consultation-reports"
    name = "consultation_reports"
    organisation_lookup = "consultation__organisation__in"
    scope_roles = MODERATOR_ROLES
    list_select_related = ("consultation",)
    list_display = [
        Column("consultation", label=_("public debate")),
        DateColumn("published_at", label=_("published"), sort_key="published_at"),
        DateColumn("updated_at", label=_("updated"), sort_key="updated_at"),
    ]
    list_export = ["id", "consultation", "published_at", "signed_by"]
    ordering = ["-updated_at"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("consultation"),
            FieldPanel("introduction"),
            FieldPanel("meetings_text"),
            FieldPanel("participation_text"),
            FieldPanel("proposal_version"),
            FieldPanel("changes_text"),
            FieldPanel("conclusion"),
            FieldPanel("signed_by"),
        ],
        base_form_class=ReportForm,
    )

    def on_saved(self, instance, request, created, before=None):
        if created and not instance.introduction:
            from .services import report_draft

            values = report_draft(instance.consultation)
            for name, value in values.items():
                setattr(instance, name, value)
            instance.save()


class ConsultationsGroup(ViewSetGroup):
    menu_label = _("Public debates")
    menu_icon = "comment"
    menu_order = 260
    items = (ConsultationViewSet, CommentViewSet, AnswerViewSet, MeetingViewSet, ReportViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ConsultationsGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("consultations-admin/moderation/", admin_views.moderation_queue, name="consultations_moderation"),
        path("consultations-admin/<int:pk>/open/", admin_views.open_now, name="consultations_open"),
        path("consultations-admin/<int:pk>/close/", admin_views.close, name="consultations_close"),
        path("consultations-admin/<int:pk>/report/", admin_views.draft_report, name="consultations_draft_report"),
        path(
            "consultations-admin/report/<int:pk>/publish/",
            admin_views.publish_report,
            name="consultations_publish_report",
        ),
    ]


class _PermissionMenuItem(AdminMenuItem):
    def __init__(self, *args, perm: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return _PermissionMenuItem(
        _("Moderation queue"),
        reverse("consultations_moderation"),
        icon_name="comment",
        order=261,
        perm="consultations.change_comment",
    )


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    if request.user.has_perm("consultations.view_consultation"):
        panels.append(admin_views.DebatesPanel(request))
