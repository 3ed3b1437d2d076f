"""Open data of the public debates under /api/v1/consultations: debates and their published comments.

No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
"""

import datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from infocentar.api.pagination import Pagination

from .models import AnswerOutcome, CommentSource, Consultation, ConsultationStatus

router = Router(tags=["consultations"])
MAX_ID = 2**63 - 1


class OrganisationRef(Schema):
    id: int
    name: str
    slug: str


class ActRef(Schema):
    id: int
    title: str
    type: str
    version_id: int
    version_label: str


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str
    status: ConsultationStatus
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    conducting_body: OrganisationRef = Field(..., alias="organisation")
    act: ActRef
    meeting_at: datetime.datetime | None = None
    meeting_place: str
    how_to_participate: str
    contact: str
    moderation: str
    url: str = Field(..., description="The debate's page on the website (absolute).")
    report_pdf_url: str | None = Field(None, description="The published report as PDF (absolute), or null.")

    @staticmethod
    def resolve_act(obj: Consultation) -> dict:
        version = obj.act_version
        act = version.act
        return {
            "id": act.pk,
            "title": act.title,
            "type": act.type,
            "version_id": version.pk,
            "version_label": version.label,
        }

    @staticmethod
    def resolve_url(obj: Consultation, context) -> str:
        return context["request"].build_absolute_uri(obj.get_absolute_url())

    @staticmethod
    def resolve_report_pdf_url(obj: Consultation, context) -> str | None:
        if obj.status != ConsultationStatus.REPORT_PUBLISHED:
            return None
        from django.urls import reverse

        return context["request"].build_absolute_uri(reverse("consultations-report-pdf", args=[obj.pk]))


class AnswerOut(Schema):
    outcome: AnswerOutcome
    reasoning: str
    published_at: datetime.datetime


class CommentOut(Schema):
    id: int
    article_id: int | None = Field(None, description="The article commented on; null for the draft as a whole.")
    article_number: str | None = None
    quote: str
    text: str
    author_name: str
    source: CommentSource
    received_on: datetime.date
    answer: AnswerOut | None = None

    @staticmethod
    def resolve_article_number(obj) -> str | None:
        return obj.article.number if obj.article_id else None

    @staticmethod
    def resolve_answer(obj):
        try:
            answer = obj.answer
        except obj.__class__.answer.RelatedObjectDoesNotExist:
            return None
        return answer if answer.published_at else None


class ConsultationFilter(Schema):
    status: ConsultationStatus | None = Field(None, description="planned, open, closed or report_published.")
    organisation: str | None = Field(None, max_length=100, description="The conducting body's id or slug.")


def _public():
    return Consultation.objects.public().select_related("organisation", "act_version__act")


@router.get("", response=list[ConsultationOut], summary="List public debates")
@paginate(Pagination)
def list_consultations(request, filters: Query[ConsultationFilter]):
    debates = _public().order_by("-starts_at", "-pk")
    if filters.status:
        debates = debates.filter(status=filters.status)
    if filters.organisation:
        value = filters.organisation.strip()
        if value.isascii() and value.isdigit():
            debates = debates.filter(organisation_id=int(value)) if int(value) <= MAX_ID else debates.none()
        else:
            debates = debates.filter(organisation__slug=value)
    return debates


def _get(consultation_id: int) -> Consultation:
    if consultation_id > MAX_ID:
        raise Http404
    debate = _public().filter(pk=consultation_id).first()
    if debate is None:
        raise Http404
    return debate


@router.get("/{int:consultation_id}", response=ConsultationOut, summary="One public debate")
def get_consultation(request, consultation_id: int):
    return _get(consultation_id)


@router.get(
    "/{int:consultation_id}/comments", response=list[CommentOut], summary="A debate's published comments and answers"
)
@paginate(Pagination)
def list_comments(request, consultation_id: int):
    debate = _get(consultation_id)
    return debate.comments.published().select_related("article", "answer").order_by("created_at", "pk")
