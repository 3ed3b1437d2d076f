"""Back-office views the viewsets do not cover: the moderation queue, opening/closing a debate, the report."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from infocentar.core.scoping import visible_organisation_ids

from . import services
from .admin_forms import CloseForm, ModerationForm
from .models import Comment, CommentStatus, Consultation, ConsultationSettings, ConsultationStatus, Report

QUEUE_PAGE_SIZE = 50


def _scope(user):
    return visible_organisation_ids(user, roles=("moderator",))


def _require(request: HttpRequest, perm: str = "consultations.change_consultation") -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _scoped_consultation(request: HttpRequest, pk: int) -> Consultation:
    ids = _scope(request.user)
    debates = Consultation.objects.select_related("organisation", "act_version__act")
    if ids is not None:
        debates = debates.filter(organisation__in=ids)
    consultation = debates.filter(pk=pk).first()
    if consultation is None:
        raise Http404
    return consultation


def scoped_comments(user):
    ids = _scope(user)
    comments = Comment.objects.all()
    return comments if ids is None else comments.filter(consultation__organisation__in=ids)


def moderation_queue(request: HttpRequest) -> HttpResponse:
    """Comments waiting for moderation (or all of one debate), with bulk publish / hide with a reason."""
    _require(request, "consultations.change_comment")
    status = request.GET.get("status") or CommentStatus.PENDING
    if status not in CommentStatus.values and status != "all":
        status = CommentStatus.PENDING
    comments = scoped_comments(request.user).select_related("consultation", "article", "answer")
    debate_id = (request.GET.get("consultation") or "").strip()
    debate = None
    if debate_id.isascii() and debate_id.isdigit() and int(debate_id) < 2**63:
        debate = _scoped_consultation(request, int(debate_id))
        comments = comments.filter(consultation=debate)
    if status != "all":
        comments = comments.filter(status=status)
    comments = comments.order_by("created_at", "pk")
    form = ModerationForm(request.POST if request.method == "POST" else None, queryset=scoped_comments(request.user))
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services.moderate_many(
                    form.cleaned_data["comments"].select_related("consultation"),
                    request.user,
                    form.cleaned_data["action"],
                    form.cleaned_data["reason"],
                )
            except services.ConsultationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("%(count)s comments moderated.") % {"count": count})
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("Choose the comments and the action (and the reason, to remove them)."))
    page_obj = Paginator(comments, QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "consultations/admin/moderation_queue.html",
        {
            "page_obj": page_obj,
            "comments": page_obj.object_list,
            "form": form,
            "status": status,
            "statuses": [("all", _("All")), *CommentStatus.choices],
            "debate": debate,
            "header_title": _("Moderation queue"),
        },
    )


def open_now(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    consultation = _scoped_consultation(request, pk)
    if request.method == "POST":
        try:
            services.open_consultation(consultation, by=request.user)
        except services.ConsultationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The debate is open."))
        return redirect("consultations:edit", consultation.pk)
    return render(
        request,
        "consultations/admin/confirm.html",
        {
            "consultation": consultation,
            "header_title": _("Open the debate now"),
            "question": _("Open the debate now? Comments are accepted from now on and the act is under public debate."),
            "button": _("Open now"),
        },
    )


def close(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    consultation = _scoped_consultation(request, pk)
    waiting = services.unanswered_count(consultation)
    form = CloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_consultation(consultation, by=request.user, force=form.cleaned_data["force"])
        except services.ConsultationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The debate is closed."))
            return redirect("consultations:edit", consultation.pk)
    return render(
        request,
        "consultations/admin/confirm.html",
        {
            "consultation": consultation,
            "header_title": _("Close the debate"),
            "question": _("Close the debate now? No more comments are accepted."),
            "waiting": waiting,
            "form": form if waiting else None,
            "button": _("Close now"),
        },
    )


def draft_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the report from the data (once), then edit it."""
    _require(request, "consultations.add_report")
    consultation = _scoped_consultation(request, pk)
    if consultation.status == ConsultationStatus.PLANNED:
        messages.error(request, _("A planned debate has no report yet."))
        return redirect("consultations:edit", consultation.pk)
    if request.method != "POST":
        return render(
            request,
            "consultations/admin/confirm.html",
            {
                "consultation": consultation,
                "header_title": _("Draft the report"),
                "question": _("Draft the report from the debate's comments, answers and meetings?"),
                "button": _("Draft the report"),
                "redraft": Report.objects.filter(consultation=consultation, published_at__isnull=True).exists(),
            },
        )
    report = services.draft_report(consultation, by=request.user, overwrite=bool(request.POST.get("overwrite")))
    messages.success(request, _("The report has been drafted. Check and edit it, then publish it."))
    return redirect("consultation_reports:edit", report.pk)


def publish_report(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "consultations.change_report")
    ids = _scope(request.user)
    reports = Report.objects.select_related("consultation__organisation", "consultation__act_version__act")
    if ids is not None:
        reports = reports.filter(consultation__organisation__in=ids)
    report = reports.filter(pk=pk).first()
    if report is None:
        raise Http404
    if request.method == "POST":
        try:
            services.publish_report(report, by=request.user)
        except services.ConsultationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The report is published as a page and a PDF; the authors have been told."))
        return redirect("consultation_reports:edit", report.pk)
    return render(
        request,
        "consultations/admin/confirm.html",
        {
            "consultation": report.consultation,
            "header_title": _("Publish the report"),
            "question": _(
                "Publish the report and every answer? Each author who left an e-mail address receives their answer."
            ),
            "button": _("Publish"),
        },
    )


class DebatesPanel(Component):
    """Dashboard: the user's debates closing in the next week, and reports due."""

    name = "consultations_due"
    template_name = "consultations/admin/dashboard_panel.html"
    order = 120

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context=None):
        ids = _scope(self.request.user)
        debates = Consultation.objects.select_related("organisation")
        if ids is not None:
            debates = debates.filter(organisation__in=ids)
        now = timezone.now()
        config = ConsultationSettings.current()
        closing = list(
            debates.filter(status=ConsultationStatus.OPEN, ends_at__lte=now + datetime.timedelta(days=7)).order_by(
                "ends_at"
            )[:10]
        )
        due = list(debates.awaiting_report(now).order_by("ends_at")[:10])
        for debate in due:
            debate.due_on = debate.report_due_on(config.report_due_days)
            debate.late = debate.report_is_late(due_days=config.report_due_days)
        pending = scoped_comments(self.request.user).filter(status=CommentStatus.PENDING).count()
        return {
            "closing": closing,
            "due": due,
            "pending": pending,
            "queue_url": reverse("consultations_moderation"),
        }
