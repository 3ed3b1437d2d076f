"""The back office: debates, comments, answers and reports scoped to the conducting body, audited."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from infocentar.consultations import services
from infocentar.consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    Report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(mfa_client, moderator):
    return mfa_client(moderator)


def test_moderator_lists_only_own_bodys_debates(staff, debate, debate_b):
    html = staff.get("/admin/consultations/").content.decode()
    assert debate.title in html and debate_b.title not in html


def test_other_bodys_debate_is_404_by_address(staff, debate_b):
    for url in (
        f"/admin/consultations/edit/{debate_b.pk}/",
        f"/admin/consultations/inspect/{debate_b.pk}/",
        f"/admin/consultations-admin/{debate_b.pk}/close/",
        f"/admin/consultations-admin/{debate_b.pk}/report/",
    ):
        assert staff.get(url).status_code == 404, url
    assert staff.post(f"/admin/consultations-admin/{debate_b.pk}/close/", {"force": "on"}).status_code == 404
    assert Consultation.objects.get(pk=debate_b.pk).status == ConsultationStatus.OPEN


def test_export_is_scoped(staff, debate, debate_b):
    body = b"".join(staff.get("/admin/consultations/?export=csv").streaming_content).decode()
    assert debate.title in body and debate_b.title not in body


def test_other_bodys_comments_are_not_listed_or_editable(staff, debate, debate_b, voter):
    own = services.submit_comment(debate, voter, text="Naš komentar.").comment
    other = services.submit_comment(debate_b, voter, text="Tuđi komentar.").comment
    html = staff.get("/admin/consultation-comments/").content.decode()
    assert "Naš komentar." in html and "Tuđi komentar." not in html
    assert staff.get(f"/admin/consultation-comments/edit/{other.pk}/").status_code == 404
    queue = staff.get("/admin/consultations-admin/moderation/").content.decode()
    assert f'value="{own.pk}"' in queue and f'value="{other.pk}"' not in queue
    # A forged bulk action on the other body's comment changes nothing.
    staff.post("/admin/consultations-admin/moderation/", {"comments": [other.pk], "action": "publish"})
    assert Comment.objects.get(pk=other.pk).status == CommentStatus.PENDING


def test_moderation_queue_bulk_hide_needs_a_reason_and_is_audited(staff, debate, voter):
    a = services.submit_comment(debate, voter, text="Prvi.").comment
    b = services.submit_comment(debate, voter, text="Drugi.").comment
    staff.post("/admin/consultations-admin/moderation/", {"comments": [a.pk, b.pk], "action": "hide", "reason": ""})
    assert Comment.objects.filter(status=CommentStatus.PENDING).count() == 2
    response = staff.post(
        "/admin/consultations-admin/moderation/", {"comments": [a.pk, b.pk], "action": "hide", "reason": "Spam"}
    )
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", "hidden_reason")) == {(CommentStatus.HIDDEN, "Spam")}
    assert ModelLogEntry.objects.filter(action="wagtail.unpublish", object_id__in=[str(a.pk), str(b.pk)]).count() == 2


def test_staff_add_a_paper_comment_through_the_viewset(staff, debate, moderator):
    form = staff.get(f"/admin/consultation-comments/new/?consultation={debate.pk}")
    assert form.status_code == 200
    article = debate.act_version.articles.get(number="2")
    response = staff.post(
        "/admin/consultation-comments/new/",
        {
            "consultation": debate.pk,
            "article": article.pk,
            "source": "post",
            "received_on": timezone.localdate().isoformat(),
            "author_name": "Udruženje građana",
            "author_email": "",
            "quote": "",
            "text": "Dopis primljen poštom.",
            "status": "published",
            "hidden_reason": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    comment = Comment.objects.get()
    assert comment.entered_by == moderator and comment.article == article
    assert ModelLogEntry.objects.filter(object_id=str(comment.pk), action="wagtail.create").exists()


def test_paper_comment_after_the_close_is_refused_in_the_form(staff, debate):
    response = staff.post(
        "/admin/consultation-comments/new/",
        {
            "consultation": debate.pk,
            "source": "post",
            "received_on": (timezone.localdate(debate.ends_at) + datetime.timedelta(days=3)).isoformat(),
            "author_name": "Kasni",
            "text": "Kasno.",
            "status": "published",
        },
    )
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_answer_through_the_viewset_and_close(staff, debate, voter):
    comment = services.submit_comment(debate, voter, text="Predlog.").comment
    assert staff.get(f"/admin/consultation-answers/new/?comment={comment.pk}").status_code == 200
    response = staff.post(
        "/admin/consultation-answers/new/",
        {"comment": comment.pk, "outcome": "accepted", "reasoning": "Prihvata se."},
    )
    assert response.status_code == 302
    assert Answer.objects.get().comment == comment
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED
    staff.post(f"/admin/consultations-admin/{debate.pk}/close/", {})
    assert Consultation.objects.get(pk=debate.pk).status == ConsultationStatus.CLOSED


def test_close_with_unanswered_needs_the_moderators_word(staff, debate, voter):
    services.submit_comment(debate, voter, text="Bez odgovora.")
    staff.post(f"/admin/consultations-admin/{debate.pk}/close/", {})
    assert Consultation.objects.get(pk=debate.pk).status == ConsultationStatus.OPEN
    staff.post(f"/admin/consultations-admin/{debate.pk}/close/", {"force": "on"})
    assert Consultation.objects.get(pk=debate.pk).status == ConsultationStatus.CLOSED


def test_report_is_drafted_edited_and_published(staff, debate, moderator, home_page):
    services.close_consultation(debate, by=moderator, force=True)
    response = staff.post(f"/admin/consultations-admin/{debate.pk}/report/", {})
    report = Report.objects.get()
    assert response["Location"].endswith(f"/admin/consultation-reports/edit/{report.pk}/")
    edit = staff.get(f"/admin/consultation-reports/edit/{report.pk}/")
    assert edit.status_code == 200
    response = staff.post(
        f"/admin/consultation-reports/edit/{report.pk}/",
        {
            "introduction": "Uređen uvod izvještaja.",
            "meetings_text": report.meetings_text,
            "participation_text": report.participation_text,
            "proposal_version": "",
            "changes_text": report.changes_text,
            "conclusion": "Zaključak.",
            "signed_by": "Sekretar",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Report.objects.get().introduction == "Uređen uvod izvještaja."
    staff.post(f"/admin/consultations-admin/report/{report.pk}/publish/", {})
    assert Consultation.objects.get(pk=debate.pk).status == ConsultationStatus.REPORT_PUBLISHED
    assert ModelLogEntry.objects.filter(object_id=str(report.pk), action="wagtail.publish").exists()


def test_dashboard_panel_shows_closing_debates(staff, org_a, debate):
    from .conftest import make_debate

    soon = make_debate(org_a, days_left=3, title="Rasprava koja se uskoro zatvara")
    html = staff.get("/admin/").content.decode()
    assert "consultations-panel-title" in html and soon.title in html and debate.title not in html


def test_dashboard_panel_lists_reports_due_of_debates_kept_open_by_unanswered_comments(staff, org_a, debate, voter):
    services.submit_comment(debate, voter, text="Predlažem izmjenu.")
    now = timezone.now()
    Consultation.objects.filter(pk=debate.pk).update(
        starts_at=now - datetime.timedelta(days=40), ends_at=now - datetime.timedelta(days=20)
    )
    html = staff.get("/admin/").content.decode()
    due = html[html.index("Izvještaji u roku") :]
    assert debate.title in due and "kasni od" in due


def test_new_debate_gets_the_default_length(staff, org_a):
    from .conftest import make_act

    _act, version = make_act(org_a)
    start = timezone.localtime() + datetime.timedelta(days=1)
    response = staff.post(
        "/admin/consultations/new/",
        {
            "act_version": version.pk,
            "title": "",
            "summary": "",
            "organisation": org_a.pk,
            "starts_at": start.strftime("%Y-%m-%d %H:%M"),
            "ends_at": "",
            "meeting_at": "",
            "meeting_place": "",
            "decision": "Zaključak br. 01-016/26-12",
            "how_to_participate": "",
            "contact": "",
            "announced_in": "",
            "public_call": "",
            "moderation": "pre",
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Consultation.objects.get()
    assert created.title == version.act.title
    assert (created.ends_at - created.starts_at).days == 15
    assert created.status == ConsultationStatus.PLANNED
    assert ModelLogEntry.objects.filter(object_id=str(created.pk), action="wagtail.create").exists()


def test_outsider_has_no_access(mfa_client, outsider, debate):
    client = mfa_client(outsider)
    assert client.get("/admin/consultations/").status_code in (302, 403)
    assert client.get("/admin/consultations-admin/moderation/").status_code in (302, 403)


def test_comment_search_works_in_both_scripts(staff, debate, voter):
    services.submit_comment(debate, voter, text="Тротоар у Његошевој улици је узак.")
    services.submit_comment(debate, voter, text="Drugi komentar o parku.")
    html = staff.get("/admin/consultation-comments/?q=njegosevoj").content.decode()
    assert "Његошевој" in html and "Drugi komentar" not in html
    html = staff.get("/admin/consultation-comments/?q=Његошевој").content.decode()
    assert "Његошевој" in html


def test_back_office_pages_open(staff, debate, voter):
    comment = services.submit_comment(debate, voter, text="Komentar za pregled.").comment
    for url in (
        "/admin/consultations/new/",
        f"/admin/consultations/edit/{debate.pk}/",
        f"/admin/consultations/inspect/{debate.pk}/",
        f"/admin/consultations-admin/{debate.pk}/close/",
        "/admin/consultations-admin/moderation/?status=all",
        f"/admin/consultations-admin/moderation/?consultation={debate.pk}&status=bogus",
        "/admin/consultation-comments/",
        f"/admin/consultation-comments/edit/{comment.pk}/",
        f"/admin/consultation-comments/inspect/{comment.pk}/",
        "/admin/consultation-answers/",
        "/admin/consultation-meetings/new/",
        "/admin/consultation-reports/",
    ):
        assert staff.get(url).status_code == 200, url
