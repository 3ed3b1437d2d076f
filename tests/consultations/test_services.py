"""The debate's life, comments and their limits, answers, the report, reminders: through the services."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from infocentar.acts.models import ActStatus
from infocentar.consultations import services
from infocentar.consultations.models import (
    Answer,
    AnswerOutcome,
    Comment,
    CommentSource,
    CommentStatus,
    Consultation,
    ConsultationSettings,
    ConsultationStatus,
    Report,
)

from .conftest import article, make_debate, verified_citizen

pytestmark = pytest.mark.django_db


def submit(debate, user, text="Predlažem da se član dopuni.", **kwargs):
    return services.submit_comment(debate, user, text=text, **kwargs)


# --- comments from citizens ------------------------------------------------------------------


def test_comment_on_an_article_waits_for_moderation_in_pre_moderated_debate(debate, voter):
    result = submit(debate, voter, article_id=article(debate, "3").pk, quote="Javne površine")
    comment = result.comment
    assert result.created
    assert comment.status == CommentStatus.PENDING
    assert comment.article.number == "3"
    assert comment.quote == "Javne površine"
    assert comment.author_name == "Ana Jovanović"
    assert comment.source == CommentSource.ONLINE


def test_post_moderated_debate_publishes_at_once(post_moderated, voter):
    assert submit(post_moderated, voter).comment.status == CommentStatus.PUBLISHED


def test_cyrillic_comment_is_stored_as_typed_and_found_in_either_script(debate, voter):
    comment = submit(debate, voter, text="Тротоари у улици Његошевој су уски.").comment
    comment.refresh_from_db()
    assert comment.text == "Тротоари у улици Његошевој су уски."
    assert Comment.objects.filter(search_text__icontains="njegosevoj").get() == comment


@pytest.mark.parametrize("text", ["", "   \n  ", "<script>alert(1)</script>"])
def test_empty_comment_is_refused(debate, voter, text):
    with pytest.raises(services.ConsultationError) as error:
        submit(debate, voter, text=text)
    assert error.value.code == "empty"
    assert not Comment.objects.exists()


def test_too_long_comment_is_refused_with_the_limit(debate, voter):
    limit = ConsultationSettings.current().comment_max_length
    with pytest.raises(services.ConsultationError) as error:
        submit(debate, voter, text="a" * (limit + 1))
    assert error.value.code == "too_long"
    assert str(limit) in str(error.value.message)
    assert not Comment.objects.exists()


def test_html_is_removed_and_said(debate, voter):
    result = submit(debate, voter, text="<b>Važno</b>: trotoar<script>steal()</script> je uzak <a href='x'>ovdje</a>")
    assert result.markup_removed
    assert result.comment.text == "Važno: trotoar je uzak ovdje"


def test_text_that_only_looks_like_markup_is_kept(debate, voter):
    assert submit(debate, voter, text="Ako je 3 < 5 i 7 > 2, onda & ostaje.").comment.text == (
        "Ako je 3 < 5 i 7 > 2, onda & ostaje."
    )


def test_comment_after_the_close_is_refused(debate, voter):
    late = debate.ends_at + datetime.timedelta(minutes=1)
    with pytest.raises(services.ConsultationError) as error:
        submit(debate, voter, now=late)
    assert error.value.code == "late"


def test_planned_debate_takes_no_comments(org_a, voter):
    planned = make_debate(org_a, status=ConsultationStatus.PLANNED)
    with pytest.raises(services.ConsultationError) as error:
        submit(planned, voter)
    assert error.value.code == "not_open"


def test_unverified_account_cannot_comment(debate, citizen):
    with pytest.raises(services.ConsultationError) as error:
        submit(debate, citizen)
    assert error.value.code == "unverified"


def test_honeypot_refuses(debate, voter):
    with pytest.raises(services.ConsultationError):
        submit(debate, voter, honeypot="http://spam.example")
    assert not Comment.objects.exists()


def test_new_account_may_not_post_links_but_an_older_one_may(debate):
    young = verified_citizen("young", days_old=1)
    with pytest.raises(services.ConsultationError) as error:
        submit(debate, young, text="Pogledajte https://example.com/plan")
    assert error.value.code == "link"
    old = verified_citizen("old", days_old=60)
    assert submit(debate, old, text="Pogledajte https://example.com/plan").created


def test_rate_limit_per_account(debate, voter):
    config = ConsultationSettings.current()
    config.comments_per_hour = 2
    config.save()
    submit(debate, voter, text="Prvi komentar.")
    submit(debate, voter, text="Drugi komentar.")
    with pytest.raises(services.ConsultationError) as error:
        submit(debate, voter, text="Treći komentar.")
    assert error.value.code == "rate"
    assert Comment.objects.count() == 2


def test_same_form_sent_twice_makes_one_comment(debate, voter):
    first = submit(debate, voter, idempotency_key="abc-1")
    again = submit(debate, voter, text="Izmijenjen tekst iz istog obrasca.", idempotency_key="abc-1")
    assert first.created and not again.created
    assert again.comment == first.comment
    assert Comment.objects.count() == 1


def test_same_text_twice_makes_one_comment(debate, voter):
    first = submit(debate, voter, idempotency_key="k1")
    again = submit(debate, voter, idempotency_key="k2")
    assert not again.created and again.comment == first.comment


def test_article_of_another_draft_is_refused(debate, debate_b, voter):
    with pytest.raises(services.ConsultationError) as error:
        submit(debate, voter, article_id=article(debate_b, "1").pk)
    assert error.value.code == "article"
    with pytest.raises(services.ConsultationError):
        submit(debate, voter, article_id="x'; drop table")


# --- comments entered by staff -----------------------------------------------------------------


def test_staff_enter_a_paper_comment_with_source_and_date(debate, moderator):
    comment = services.enter_comment(
        debate,
        moderator,
        text="Primjedba predata na pisarnici.",
        author_name="MZ Centar",
        source=CommentSource.FRONT_OFFICE,
        received_on=timezone.localdate() - datetime.timedelta(days=1),
        article_id=article(debate, "2").pk,
    )
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.entered_by == moderator
    assert ModelLogEntry.objects.filter(object_id=str(comment.pk), action="wagtail.create").exists()


def test_paper_comment_received_after_the_close_is_refused(debate, moderator):
    with pytest.raises(services.ConsultationError) as error:
        services.enter_comment(
            debate,
            moderator,
            text="Kasno.",
            author_name="Petar",
            source=CommentSource.POST,
            received_on=timezone.localdate(debate.ends_at) + datetime.timedelta(days=1),
        )
    assert error.value.code in ("late", "future")


# --- moderation, answers, closing ----------------------------------------------------------------


def test_hiding_needs_a_reason_and_is_audited(debate, voter, moderator):
    comment = submit(debate, voter).comment
    with pytest.raises(services.ConsultationError):
        services.moderate(comment, moderator, services.HIDE, "")
    services.moderate(comment, moderator, services.HIDE, "Uvredljiv sadržaj")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.hidden_reason == "Uvredljiv sadržaj"
    entry = ModelLogEntry.objects.get(object_id=str(comment.pk), action="wagtail.unpublish")
    assert entry.data["changes"]["status"] == ["pending", "hidden"]
    assert entry.data["organisation_id"] == debate.organisation_id


def test_debate_does_not_close_with_unanswered_comments_unless_forced(debate, voter, moderator):
    submit(debate, voter)
    with pytest.raises(services.ConsultationError) as error:
        services.close_consultation(debate, by=moderator)
    assert error.value.code == "unanswered"
    services.close_consultation(debate, by=moderator, force=True)
    assert Consultation.objects.get(pk=debate.pk).status == ConsultationStatus.CLOSED


def test_answer_publishes_a_pending_comment_and_is_not_public_until_the_report(debate, voter, moderator):
    comment = submit(debate, voter).comment
    answer = services.answer(comment, moderator, outcome=AnswerOutcome.ACCEPTED, reasoning="Prihvata se.")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert answer.published_at is None
    assert not mail.outbox


def test_answer_needs_reasoning_and_a_known_outcome(debate, voter, moderator):
    comment = submit(debate, voter).comment
    with pytest.raises(services.ConsultationError):
        services.answer(comment, moderator, outcome="maybe", reasoning="x")
    with pytest.raises(services.ConsultationError):
        services.answer(comment, moderator, outcome=AnswerOutcome.NOTED, reasoning="  ")
    assert not Answer.objects.exists()


# --- the schedule (periodic job) -----------------------------------------------------------------


def test_planned_debate_opens_by_itself_and_puts_the_act_under_debate(org_a):
    planned = make_debate(org_a, status=ConsultationStatus.PLANNED)
    Consultation.objects.filter(pk=planned.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("run_periodic", force=True)
    planned.refresh_from_db()
    assert planned.status == ConsultationStatus.OPEN
    assert planned.opened_at is not None
    act = planned.act_version.act
    act.refresh_from_db()
    assert act.status == ActStatus.PUBLIC_DEBATE
    assert act.debate_started_on == timezone.localdate()


def test_open_debate_closes_by_itself_when_everything_is_answered(debate, voter, moderator):
    comment = submit(debate, voter).comment
    services.answer(comment, moderator, outcome=AnswerOutcome.NOTED, reasoning="Primljeno k znanju.")
    Consultation.objects.filter(pk=debate.pk).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "closed 1" in services.run_schedule()
    assert Consultation.objects.get(pk=debate.pk).status == ConsultationStatus.CLOSED


def test_open_debate_with_unanswered_comments_waits_past_its_end(debate, voter):
    submit(debate, voter)
    Consultation.objects.filter(pk=debate.pk).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
    summary = services.run_schedule()
    assert "waiting for answers 1" in summary
    debate.refresh_from_db()
    assert debate.status == ConsultationStatus.OPEN
    assert not debate.accepts_comments()


# --- the report ---------------------------------------------------------------------------------


def _closed_with_answers(debate, voter, moderator):
    comment = submit(debate, voter, article_id=article(debate, "3").pk).comment
    services.answer(comment, moderator, outcome=AnswerOutcome.PARTLY_ACCEPTED, reasoning="Djelimično se prihvata.")
    services.enter_comment(
        debate,
        moderator,
        text="Pismo građanina.",
        author_name="Marko Marković",
        author_email="marko@example.me",
        source=CommentSource.POST,
        received_on=timezone.localdate(),
    )
    paper = Comment.objects.get(author_name="Marko Marković")
    services.answer(paper, moderator, outcome=AnswerOutcome.NOT_ACCEPTED, reasoning="Nije u skladu sa zakonom.")
    services.close_consultation(debate, by=moderator)
    return comment


def test_report_is_drafted_from_the_data(debate, voter, moderator):
    _closed_with_answers(debate, voter, moderator)
    report = services.draft_report(debate, by=moderator)
    assert debate.organisation.name in report.introduction
    assert "2" in report.participation_text
    assert "Partly accepted" in report.conclusion or "Djelimično" in report.conclusion
    assert ModelLogEntry.objects.filter(object_id=str(report.pk), action="wagtail.create").exists()


def test_publishing_the_report_publishes_answers_mails_authors_and_makes_a_tagged_pdf(debate, voter, moderator):
    comment = _closed_with_answers(debate, voter, moderator)
    report = services.draft_report(debate, by=moderator)
    services.publish_report(report, by=moderator)
    debate.refresh_from_db()
    assert debate.status == ConsultationStatus.REPORT_PUBLISHED
    assert Answer.objects.filter(published_at__isnull=True).count() == 0
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([voter.email, "marko@example.me"])
    body = next(m.body for m in mail.outbox if m.to == [voter.email])
    assert "Djelimično se prihvata." in body and f"#komentar-{comment.pk}" in body
    report.refresh_from_db()
    data = report.pdf.read()
    assert data.startswith(b"%PDF")
    assert b"pdfuaid" in data or b"StructTreeRoot" in data or len(data) > 1000


def test_report_is_not_published_before_the_close(debate, moderator):
    report = Report.objects.create(consultation=debate)
    with pytest.raises(services.ConsultationError):
        services.publish_report(report, by=moderator)


def test_report_pdf_is_pdf_ua_with_the_letters(debate, voter, moderator):
    from weasyprint import HTML

    from infocentar.consultations.pdf import report_html

    _closed_with_answers(debate, voter, moderator)
    report = services.draft_report(debate, by=moderator)
    html = report_html(report)
    assert 'lang="cnr-Latn"' in html
    data = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=True)
    assert b"/StructTreeRoot" in data and b"pdfuaid" in data and b"/Lang" in data


def test_moderators_are_reminded_once_before_the_report_is_due(debate, voter, moderator):
    services.close_consultation(debate, by=moderator, force=True)
    today = timezone.localdate(debate.ends_at) + datetime.timedelta(days=8)
    assert services.remind_reports(today) == "reminded 1"
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert services.remind_reports(today) == "reminded 0"


def _past_its_end(debate, *, days_ago: int) -> None:
    """The debate ended `days_ago` days ago (as if time had passed)."""
    now = timezone.now()
    Consultation.objects.filter(pk=debate.pk).update(
        starts_at=now - datetime.timedelta(days=days_ago + 15), ends_at=now - datetime.timedelta(days=days_ago)
    )
    debate.refresh_from_db()


def test_a_debate_kept_open_by_unanswered_comments_still_gets_its_report_reminder(debate, voter, moderator):
    submit(debate, voter)
    _past_its_end(debate, days_ago=9)
    assert services.run_schedule() == "opened 0, closed 0, waiting for answers 1"
    debate.refresh_from_db()
    assert debate.status == ConsultationStatus.OPEN
    mail.outbox.clear()
    assert services.remind_reports() == "reminded 1"
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert services.remind_reports() == "reminded 0"


def test_an_open_debate_before_its_end_gets_no_report_reminder(debate, voter, moderator):
    submit(debate, voter)
    assert services.remind_reports(timezone.localdate() + datetime.timedelta(days=30)) == "reminded 0"


def test_public_page_says_when_the_report_is_late(debate, moderator):
    services.close_consultation(debate, by=moderator, force=True)
    debate.refresh_from_db()
    assert not debate.report_is_late(timezone.localdate(debate.ends_at) + datetime.timedelta(days=10))
    assert debate.report_is_late(timezone.localdate(debate.ends_at) + datetime.timedelta(days=11))


def test_default_length_is_the_configured_one(org_a):
    config = ConsultationSettings.current()
    config.default_duration_days = 30
    config.save()
    start = timezone.now()
    assert services.default_end(start) == start + datetime.timedelta(days=30)


# --- subscriptions --------------------------------------------------------------------------------


def test_subscription_double_opt_in_digest_and_one_click_unsubscribe(org_a, client):
    subscription = services.subscribe("Citalac@Example.me")
    assert subscription.email == "citalac@example.me"
    assert len(mail.outbox) == 1 and subscription.token in mail.outbox[0].body
    assert services.send_digests() == "sent 0"  # not confirmed yet: nothing is sent
    services.confirm_subscription(subscription.token)
    services.open_consultation(make_debate(org_a, status=ConsultationStatus.PLANNED))  # opened now
    later = timezone.now() + datetime.timedelta(days=1)
    assert services.send_digests(later) == "sent 1"
    digest = mail.outbox[-1]
    assert "List-Unsubscribe" in digest.extra_headers
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    code = services.unsubscribe_code(subscription)
    assert f"/javne-rasprave/pretplata/odjava/{code}/" in digest.extra_headers["List-Unsubscribe"]
    forged = code[:-3] + ("AAA" if not code.endswith("AAA") else "BBB")
    assert client.post(f"/javne-rasprave/pretplata/odjava/{forged}/").status_code == 404
    assert client.get(f"/javne-rasprave/pretplata/odjava/{code}/").status_code == 200  # asks, does nothing
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None
    response = client.post(f"/javne-rasprave/pretplata/odjava/{code}/")
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert services.send_digests(later + datetime.timedelta(days=2)) == "sent 0"


def test_digest_follows_the_filters(org_a, org_b):
    subscription = services.subscribe("a@example.me", adopted_acts=False, issuer=org_b)
    services.confirm_subscription(subscription.token)
    services.open_consultation(make_debate(org_a, status=ConsultationStatus.PLANNED))
    assert services.send_digests(timezone.now() + datetime.timedelta(days=1)) == "sent 0"


def test_digest_announces_adopted_acts_of_the_area_even_when_entered_late(org_a):
    from infocentar.acts import services as act_services
    from infocentar.acts.models import Act

    from .conftest import make_act

    subscription = services.subscribe("b@example.me", new_debates=False, area="komunalne djelatnosti")
    services.confirm_subscription(subscription.token)
    mail.outbox.clear()
    act, _version = make_act(org_a, title="Odluka o javnoj rasvjeti")
    other, _version = make_act(org_a, title="Odluka o saobraćaju")
    Act.objects.filter(pk=other.pk).update(area="Saobraćaj")
    other.refresh_from_db()
    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    act_services.set_status(act, ActStatus.ADOPTED, on=long_ago)
    act_services.set_status(other, ActStatus.ADOPTED, on=long_ago)
    later = timezone.now() + datetime.timedelta(days=1)
    assert services.send_digests(later) == "sent 1"
    body = mail.outbox[-1].body
    assert "Odluka o javnoj rasvjeti" in body and "Odluka o saobraćaju" not in body
    act.title = "Odluka o javnoj rasvjeti (ispravka)"
    act.save()  # a later change is not a second adoption
    assert services.send_digests(later + datetime.timedelta(days=2)) == "sent 0"


def test_periodic_jobs_are_registered():
    from infocentar.core.periodic import jobs

    names = {job.name for job in jobs()}
    assert {"consultations.open_close", "consultations.report_reminders", "consultations.digests"} <= names
