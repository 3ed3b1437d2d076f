"""Public pages of the debates: the list, a debate with its text and comments, the report, subscriptions."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict

from allauth.core import ratelimit
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from . import services
from .forms import CommentForm, SubscriptionForm
from .models import (
    CommentStatus,
    Consultation,
    ConsultationStatus,
    Report,
)
from .rendering import CommentRenderer, comment_rows
from .reporting import report_context

CLOSED_PER_PAGE = 20


def _crumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    return [{"label": label, "url": url} for label, url in items]


# Open and planned debates the index shows before a link to all of them (a municipality has a few; the list stays
# short however many there are); each status on its own is paginated.
OPEN_SHOWN = 20
PLANNED_SHOWN = 10
PER_PAGE = 20
# ?status= values of the index: one section alone, paginated.
STATUS_FILTERS = {
    "open": ([ConsultationStatus.OPEN], ("ends_at", "pk"), gettext_lazy("Open debates")),
    "planned": ([ConsultationStatus.PLANNED], ("starts_at", "pk"), gettext_lazy("Planned debates")),
    "closed": (
        [ConsultationStatus.CLOSED, ConsultationStatus.REPORT_PUBLISHED],
        ("-ends_at", "-pk"),
        gettext_lazy("Closed debates"),
    ),
}


def index(request: HttpRequest) -> HttpResponse:
    """Open, planned and closed debates, or one of them alone (`?status=`); a fixed number of queries.

    The open and planned sections show the first OPEN_SHOWN and PLANNED_SHOWN with a link to all of them; the
    closed ones are paginated.
    """
    listed = Consultation.objects.public().for_listing().with_comment_counts()
    now = timezone.now()
    chosen = request.GET.get("status")
    if chosen in STATUS_FILTERS:
        statuses, order, heading = STATUS_FILTERS[chosen]
        page_obj = Paginator(listed.filter(status__in=statuses).order_by(*order), PER_PAGE).get_page(
            request.GET.get("page")
        )
        debates = list(page_obj.object_list)
        for debate in debates:
            if debate.status == ConsultationStatus.OPEN:
                debate.countdown = countdown(debate, now)
        return render(
            request,
            "consultations/index.html",
            {
                "title": heading,
                "status_filter": chosen,
                "section_title": heading,
                "debates": debates,
                "page_obj": page_obj,
                "breadcrumbs": _crumbs((_("Public debates"), reverse("consultations-index")), (heading, "")),
            },
        )
    open_debates = list(listed.filter(status=ConsultationStatus.OPEN).order_by("ends_at", "pk")[: OPEN_SHOWN + 1])
    planned = list(listed.filter(status=ConsultationStatus.PLANNED).order_by("starts_at", "pk")[: PLANNED_SHOWN + 1])
    closed = listed.filter(status__in=STATUS_FILTERS["closed"][0]).order_by(*STATUS_FILTERS["closed"][1])
    page_obj = Paginator(closed, CLOSED_PER_PAGE).get_page(request.GET.get("page"))
    for debate in open_debates:
        debate.countdown = countdown(debate, now)
    return render(
        request,
        "consultations/index.html",
        {
            "title": _("Public debates"),
            "open_debates": open_debates[:OPEN_SHOWN],
            "more_open": len(open_debates) > OPEN_SHOWN,
            "planned_debates": planned[:PLANNED_SHOWN],
            "more_planned": len(planned) > PLANNED_SHOWN,
            "page_obj": page_obj,
            "closed_debates": page_obj.object_list,
            "breadcrumbs": _crumbs((_("Public debates"), "")),
        },
    )


def _span(delta: datetime.timedelta) -> str:
    days = delta.days
    hours = delta.seconds // 3600
    if days >= 1:
        text = ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
        if hours and days < 3:
            text += " " + ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
        return text
    if hours >= 1:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    minutes = max(delta.seconds // 60, 1)
    return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}


def countdown(consultation: Consultation, now: datetime.datetime | None = None) -> str:
    """The time left, as words the server writes (pages work without JavaScript)."""
    now = now or timezone.now()
    if consultation.status == ConsultationStatus.PLANNED and consultation.starts_at > now:
        return _("Starts in %(time)s.") % {"time": _span(consultation.starts_at - now)}
    if consultation.status == ConsultationStatus.OPEN:
        if consultation.ends_at > now:
            return _("%(time)s left to comment.") % {"time": _span(consultation.ends_at - now)}
        return _("Comments are closed; the conducting body is answering them.")
    return _("The debate is closed.")


def _visible(request: HttpRequest, pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.public().select_related("organisation", "act_version__act__issuer"), pk=pk
    )


def detail_context(request: HttpRequest, consultation: Consultation) -> dict:
    """Everything the debate's page shows, in a fixed number of queries whatever the number of comments."""
    version = consultation.act_version
    act = version.act
    articles = list(
        version.articles.order_by("position").only(
            "id", "version_id", "position", "chapter", "number", "heading", "text"
        )
    )
    rows = comment_rows(consultation.comments.shown())
    by_article: dict[int | None, list[dict]] = defaultdict(list)
    published = 0
    authors = set()
    for row in rows:
        by_article[row["article_id"]].append(row)
        if row["status"] == CommentStatus.PUBLISHED:
            published += 1
            authors.add(row["author_name"])
    renderer = CommentRenderer()
    for article in articles:
        article.comments = by_article.get(article.pk, [])
        article.comments_html = renderer.comments(article.comments)
    now = timezone.now()
    user = request.user
    can_comment = consultation.accepts_comments(now)
    verified = can_comment and services.has_verified_email(user)
    config = services.current_settings()
    report = None
    if consultation.status == ConsultationStatus.REPORT_PUBLISHED:
        report = Report.objects.filter(consultation=consultation, published_at__isnull=False).first()
    busiest = sorted((a for a in articles if a.comments), key=lambda a: -len(a.comments))[:5]
    return {
        "consultation": consultation,
        "act": act,
        "version": version,
        "articles": articles,
        "general_comments": by_article.get(None, []),
        "general_comments_html": renderer.comments(by_article.get(None, [])),
        "comment_count": published,
        "participant_count": len(authors),
        "busiest_articles": busiest,
        "countdown": countdown(consultation, now),
        "can_comment": can_comment,
        "is_verified": verified,
        "idempotency_key": uuid.uuid4().hex if verified else "",
        "max_length": config.comment_max_length,
        "pre_moderated": consultation.moderation == "pre",
        "documents": list(consultation.documents.all()),
        "meetings": list(consultation.meetings.all()),
        "report": report,
        "report_parts": report_context(report) if report else None,
        "report_due": consultation.report_due_on(config.report_due_days),
        "report_late": consultation.report_is_late(due_days=config.report_due_days),
        "title": consultation.title,
        "description": consultation.summary,
        "breadcrumbs": _crumbs((_("Public debates"), reverse("consultations-index")), (consultation.title, "")),
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    response = render(request, "consultations/detail.html", detail_context(request, consultation))
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-cache"
    return response


@never_cache
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """POST a comment; errors come back on a page of their own with the text kept and the reason said."""
    consultation = _visible(request, pk)
    if request.method != "POST":
        return redirect(consultation.get_absolute_url())
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in to comment."))
        return redirect(f"{reverse('account_login')}?next={consultation.get_absolute_url()}")
    form = CommentForm(request.POST)
    article = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.submit_comment(
                consultation,
                request.user,
                text=data["text"],
                article_id=data["article"] or None,
                quote=data["quote"],
                idempotency_key=data["idempotency_key"],
                honeypot=data["website"],
            )
        except services.ConsultationError as exc:
            form.add_error("text" if exc.code in ("empty", "too_long", "link", "rate") else None, exc.message)
        else:
            item = submission.comment
            if not submission.created:
                messages.info(request, _("We already have this comment; it was not sent twice."))
            elif item.status == CommentStatus.PENDING:
                messages.success(
                    request,
                    _("Thank you. Your comment has been received and will appear once a moderator approves it."),
                )
            else:
                messages.success(request, _("Thank you. Your comment has been published."))
            if submission.markup_removed:
                messages.warning(request, _("Comments are plain text: the HTML code in your comment was removed."))
            return redirect(f"{consultation.get_absolute_url()}#{item.anchor}")
    article_value = form.data.get("article") or ""
    if article_value.isdigit():
        article = consultation.act_version.articles.filter(pk=int(article_value)).first()
    return render(
        request,
        "consultations/comment_form.html",
        {
            "consultation": consultation,
            "form": form,
            "article": article,
            "title": _("Your comment"),
            "max_length": services.current_settings().comment_max_length,
            "breadcrumbs": _crumbs(
                (_("Public debates"), reverse("consultations-index")),
                (consultation.title, consultation.get_absolute_url()),
                (_("Your comment"), ""),
            ),
        },
        status=400,
    )


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = (
        Report.objects.filter(consultation_id=pk, consultation__is_public=True, published_at__isnull=False)
        .select_related("consultation")
        .first()
    )
    if report is None:
        raise Http404
    if not report.pdf and not services.store_report_pdf(report):
        return render(
            request,
            "consultations/report_unavailable.html",
            {"title": _("The PDF is not available"), "consultation": report.consultation},
            status=503,
        )
    try:
        handle = report.pdf.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    return FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"izvjestaj-javna-rasprava-{pk}.pdf",
    )


# --- subscriptions ---------------------------------------------------------------------


@never_cache
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscriptionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            pass  # the honeypot: a bot is told it worked, and nothing is sent
        elif not ratelimit.consume(request, action="subscribe", key=data["email"].lower()):
            # Nobody can make the site send confirmation e-mails to an address over and over.
            form.add_error(None, _("Too many subscription requests. Please try again in an hour."))
        else:
            try:
                services.subscribe(
                    data["email"],
                    new_debates=data["new_debates"],
                    adopted_acts=data["adopted_acts"],
                    act_type=data["act_type"],
                    issuer=data["issuer"],
                    area=data["area"].strip(),
                    frequency=data["frequency"],
                )
            except services.ConsultationError as exc:
                form.add_error(None, exc.message)
        if not form.errors:
            return render(
                request,
                "consultations/subscribe_sent.html",
                {"title": _("Check your e-mail"), "email": data["email"], "breadcrumbs": _sub_crumbs()},
            )
    return render(
        request,
        "consultations/subscribe.html",
        {"form": form, "title": _("Subscribe to public debates"), "breadcrumbs": _sub_crumbs()},
        status=400 if form.errors else 200,
    )


def _sub_crumbs():
    return _crumbs((_("Public debates"), reverse("consultations-index")), (_("Subscription"), ""))


@never_cache
def subscribe_confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = services.confirm_subscription(token[:64])
    return render(
        request,
        "consultations/subscribe_result.html",
        {
            "title": _("Subscription confirmed") if subscription else _("This link is not valid"),
            "ok": subscription is not None,
            "confirmed": True,
            "breadcrumbs": _sub_crumbs(),
        },
        status=200 if subscription else 404,
    )


@never_cache
@csrf_exempt  # RFC 8058: mail clients unsubscribe with a POST of their own, without our CSRF cookie.
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST unsubscribes at once."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    token = token[:200]
    exists = services.subscription_for_unsubscribe(token) is not None
    if request.method == "POST" and exists:
        services.unsubscribe(token)
        return render(
            request,
            "consultations/subscribe_result.html",
            {"title": _("You have unsubscribed"), "ok": True, "confirmed": False, "breadcrumbs": _sub_crumbs()},
        )
    return render(
        request,
        "consultations/unsubscribe.html",
        {"title": _("Unsubscribe"), "exists": exists, "token": token, "breadcrumbs": _sub_crumbs()},
        status=200 if exists else 404,
    )
