"""The public pages, feed and API of the debates."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from infocentar.consultations import services
from infocentar.consultations.models import (
    AnswerOutcome,
    Comment,
    CommentSource,
    CommentStatus,
    Consultation,
    ConsultationStatus,
)

from .conftest import article, make_debate, verified_citizen

pytestmark = pytest.mark.django_db


def add_comments(debate, count: int, *, start: int = 0) -> None:
    articles = list(debate.act_version.articles.all())
    Comment.objects.bulk_create(
        Comment(
            consultation=debate,
            article=articles[i % len(articles)] if i % 3 else None,
            text=f"Komentar broj {start + i}",
            author_name=f"Građanin {start + i}",
            source=CommentSource.ONLINE if i % 2 else CommentSource.PAPER,
            status=CommentStatus.PUBLISHED if i % 5 else CommentStatus.HIDDEN,
            hidden_reason="" if i % 5 else "Uvreda",
        )
        for i in range(count)
    )


def test_index_lists_open_planned_and_closed(client, home_page, org_a, debate):
    planned = make_debate(org_a, status=ConsultationStatus.PLANNED, title="Planirana rasprava o parkingu")
    closed = make_debate(org_a, status=ConsultationStatus.CLOSED, title="Zatvorena rasprava o budžetu")
    response = client.get("/javne-rasprave/")
    html = response.content.decode()
    assert response.status_code == 200
    assert debate.title in html and planned.title in html and closed.title in html
    assert html.index(debate.title) < html.index(planned.title) < html.index(closed.title)


def test_index_shows_the_first_open_debates_and_links_to_all_of_them(client, home_page, org_a, monkeypatch):
    from infocentar.consultations import views

    monkeypatch.setattr(views, "OPEN_SHOWN", 2)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    debates = [make_debate(org_a, title=f"Rasprava o trgu {n}", days_left=n + 1) for n in range(3)]
    planned = make_debate(org_a, status=ConsultationStatus.PLANNED, title="Planirana rasprava o parku")

    html = client.get("/javne-rasprave/").content.decode()
    # The two ending soonest, then a link to every open debate; planned ones are few enough: no link.
    assert debates[0].title in html and debates[1].title in html and debates[2].title not in html
    assert 'href="?status=open"' in html and 'href="?status=planned"' not in html
    assert planned.title in html

    response = client.get("/javne-rasprave/", {"status": "open"})
    html = response.content.decode()
    assert response.status_code == 200
    assert [d.title for d in response.context["debates"]] == [debates[0].title, debates[1].title]
    assert planned.title not in html and "Sve javne rasprave" in html
    page_2 = client.get("/javne-rasprave/", {"status": "open", "page": "2"})
    assert [d.title for d in page_2.context["debates"]] == [debates[2].title]
    assert client.get("/javne-rasprave/", {"status": "planned"}).context["debates"][0].title == planned.title
    empty = client.get("/javne-rasprave/", {"status": "closed", "page": "999"})
    assert empty.status_code == 200 and "Nijedna javna rasprava nije u ovom stanju." in empty.content.decode()
    # An unknown status is ignored: the whole index.
    unknown = client.get("/javne-rasprave/", {"status": "<script>"})
    assert unknown.status_code == 200 and "open_debates" in unknown.context


def test_debate_page_shows_programme_countdown_articles_and_comments(client, home_page, debate, voter, moderator):
    comment = services.submit_comment(debate, voter, text="Treba više klupa.", article_id=article(debate, "3").pk)
    services.moderate(comment.comment, moderator, services.PUBLISH)
    hidden = services.submit_comment(debate, voter, text="Neprimjeren tekst.").comment
    services.moderate(hidden, moderator, services.HIDE, "Vrijeđa druge učesnike")
    pending = services.submit_comment(debate, voter, text="Još nije odobren.").comment
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "left to comment" in html or "preostalo" in html.lower() or "dan" in html
    assert 'id="clan-3"' in html and 'id="clan-3a"' in html
    assert "Treba više klupa." in html
    assert "Vrijeđa druge učesnike" in html and "Neprimjeren tekst." not in html
    assert pending.text not in html
    # Anonymous visitors are asked to sign in; no comment form.
    assert 'name="text"' not in html
    assert "/nalog/" in html


def test_answer_shows_only_after_the_report(client, home_page, debate, voter, moderator):
    comment = services.submit_comment(debate, voter, text="Predlog za član 3.").comment
    services.answer(comment, moderator, outcome=AnswerOutcome.ACCEPTED, reasoning="Obrazloženje prihvatanja.")
    assert "Obrazloženje prihvatanja." not in client.get(debate.get_absolute_url()).content.decode()
    services.close_consultation(debate, by=moderator)
    services.publish_report(services.draft_report(debate), by=moderator)
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "Obrazloženje prihvatanja." in html
    assert "izvjestaj.pdf" in html
    pdf = client.get(f"/javne-rasprave/{debate.pk}/izvjestaj.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


TEXT = "Тротоар је преузак."


def test_verified_citizen_comments_from_the_cyrillic_page(client, home_page, debate, voter):
    client.force_login(voter)
    page = client.get(f"/cir/javne-rasprave/{debate.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'lang="cnr-Cyrl"' in html
    target = article(debate, "3")
    assert f'id="c-{target.pk}-text"' in html
    response = client.post(
        f"/cir/javne-rasprave/{debate.pk}/komentar/",
        {"text": TEXT, "article": target.pk, "idempotency_key": "k-1", "quote": ""},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.text == TEXT and comment.article == target
    assert response["Location"].endswith(f"#komentar-{comment.pk}")
    # The same form sent again: no second comment.
    client.post(
        f"/cir/javne-rasprave/{debate.pk}/komentar/",
        {"text": TEXT, "article": target.pk, "idempotency_key": "k-1"},
    )
    assert Comment.objects.count() == 1


def test_refused_comment_says_why_and_keeps_the_text(client, home_page, debate, voter):
    client.force_login(voter)
    response = client.post(
        f"/javne-rasprave/{debate.pk}/komentar/", {"text": "  ", "article": "", "idempotency_key": "e1"}
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    long_text = "Dugačak komentar. " * 1000
    response = client.post(
        f"/javne-rasprave/{debate.pk}/komentar/", {"text": long_text, "article": "", "idempotency_key": "e2"}
    )
    assert response.status_code == 400
    assert "Dugačak komentar." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"text": "x", "article": "999999999999999999999999"},
        {"text": "x", "article": "abc"},
        {"text": ["a", "b"], "quote": "q" * 100_000},
        {},
    ],
)
def test_bad_posts_never_fail(client, home_page, debate, voter, data):
    client.force_login(voter)
    response = client.post(f"/javne-rasprave/{debate.pk}/komentar/", data)
    assert response.status_code in (302, 400)


def test_anonymous_post_is_sent_to_sign_in(client, home_page, debate):
    response = client.post(f"/javne-rasprave/{debate.pk}/komentar/", {"text": "Zdravo"})
    assert response.status_code == 302 and "/nalog/" in response["Location"]
    assert not Comment.objects.exists()


def test_unknown_or_hidden_debate_is_404(client, home_page, org_a):
    hidden = make_debate(org_a, is_public=False)
    assert client.get(f"/javne-rasprave/{hidden.pk}/").status_code == 404
    assert client.get("/javne-rasprave/99999999/").status_code == 404


def test_debate_page_queries_do_not_grow_with_comments(client, home_page, debate):
    from django.core.cache import cache

    add_comments(debate, 10)
    client.get(debate.get_absolute_url())
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert client.get(debate.get_absolute_url(), HTTP_CACHE_CONTROL="no-cache").status_code == 200
    add_comments(debate, 30, start=10)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(debate.get_absolute_url())
    assert response.status_code == 200
    assert "Komentar broj 39" in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_index_queries_do_not_grow_with_debates(client, home_page, org_a):
    from django.core.cache import cache

    make_debate(org_a)
    make_debate(org_a, status=ConsultationStatus.CLOSED)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/javne-rasprave/")
    for _ in range(4):
        make_debate(org_a, status=ConsultationStatus.CLOSED)
        make_debate(org_a)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/javne-rasprave/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_rss_lists_debates_and_filters(client, home_page, debate, debate_b):
    response = client.get("/javne-rasprave/rss/")
    body = response.content.decode()
    assert response.status_code == 200 and debate.title in body and debate_b.title in body
    filtered = client.get(f"/javne-rasprave/rss/?organ={debate_b.organisation.slug}").content.decode()
    assert debate_b.title in filtered and debate.title not in filtered
    cyrillic = client.get("/cir/javne-rasprave/rss/").content.decode()
    assert "Јавн" in cyrillic


def test_home_page_shows_open_debates(client, home_page, debate):
    html = client.get("/").content.decode()
    assert debate.title in html


def test_site_search_finds_debates(client, home_page, debate):
    from infocentar.core.search import sources

    assert any(source.model.__name__ == "Consultation" for source in sources())


def test_subscribe_form_sends_a_confirmation(client, home_page, org_a):
    from django.core import mail

    response = client.get("/javne-rasprave/pretplata/")
    assert response.status_code == 200
    response = client.post(
        "/javne-rasprave/pretplata/",
        {"email": "novi@example.me", "new_debates": "on", "frequency": "daily", "act_type": "", "area": ""},
    )
    assert response.status_code == 200 and len(mail.outbox) == 1
    bad = client.post("/javne-rasprave/pretplata/", {"email": "not-an-address", "frequency": "weekly"})
    assert bad.status_code == 400
    assert client.get("/javne-rasprave/pretplata/potvrda/nope/").status_code == 404
    assert client.get("/javne-rasprave/pretplata/odjava/nope/").status_code == 404


def test_subscribing_cannot_be_used_to_flood_an_address_or_the_mail_server(client, home_page, org_a):
    from django.core import mail

    form = {"new_debates": "on", "frequency": "daily", "act_type": "", "area": ""}
    for _ in range(3):
        assert client.post("/javne-rasprave/pretplata/", {**form, "email": "meta@example.me"}).status_code == 200
    refused = client.post("/javne-rasprave/pretplata/", {**form, "email": "META@example.me"})
    assert refused.status_code == 400 and "Previše zahtjeva za pretplatu" in refused.content.decode()
    assert len(mail.outbox) == 3
    for n in range(6):  # other addresses, from the same visitor: ten requests an hour in all (the refused one too)
        assert client.post("/javne-rasprave/pretplata/", {**form, "email": f"c{n}@example.me"}).status_code == 200
    assert client.post("/javne-rasprave/pretplata/", {**form, "email": "c7@example.me"}).status_code == 400
    assert len(mail.outbox) == 9


# --- API ----------------------------------------------------------------------------------------


def test_api_lists_public_debates_and_filters(client, debate, debate_b, org_a):
    hidden = make_debate(org_a, is_public=False)
    data = client.get("/api/v1/consultations").json()
    ids = {item["id"] for item in data["items"]}
    assert {debate.pk, debate_b.pk} <= ids and hidden.pk not in ids
    one = client.get(f"/api/v1/consultations?organisation={debate_b.organisation.slug}").json()
    assert [item["id"] for item in one["items"]] == [debate_b.pk]
    assert client.get("/api/v1/consultations?status=open").status_code == 200
    assert client.get("/api/v1/consultations?status=bogus").status_code == 422
    assert client.get("/api/v1/consultations?limit=100000").status_code == 422
    detail = client.get(f"/api/v1/consultations/{debate.pk}").json()
    assert detail["conducting_body"]["slug"] == debate.organisation.slug
    assert detail["act"]["version_id"] == debate.act_version_id
    assert client.get(f"/api/v1/consultations/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/consultations/99999999999999999999999").status_code in (404, 422)


def test_api_gives_published_comments_only(client, debate, voter, moderator):
    published = services.submit_comment(debate, voter, text="Objavljen.", article_id=article(debate, "1").pk).comment
    services.moderate(published, moderator, services.PUBLISH)
    services.submit_comment(debate, voter, text="Čeka moderaciju.")
    hidden = services.enter_comment(
        debate, moderator, text="Skriven.", author_name="X", source="paper", received_on=timezone.localdate()
    )
    services.moderate(hidden, moderator, services.HIDE, "Spam")
    data = client.get(f"/api/v1/consultations/{debate.pk}/comments").json()
    assert data["count"] == 1
    assert data["items"][0]["text"] == "Objavljen." and data["items"][0]["article_number"] == "1"
    assert data["items"][0]["answer"] is None
    assert "author_email" not in data["items"][0]


def test_new_verified_citizen_sees_the_form(client, home_page, debate):
    user = verified_citizen("novi-gradjanin")
    client.force_login(user)
    html = client.get(debate.get_absolute_url()).content.decode()
    assert 'name="idempotency_key"' in html
    assert 'class="consultation-hp"' in html


def test_act_page_shows_its_debate(client, home_page, debate):
    response = client.get(debate.act_version.act.get_absolute_url())
    assert response.status_code == 200
    assert debate.title in response.content.decode()


def test_the_page_says_the_report_is_late_while_comments_keep_the_debate_open(client, home_page, debate, voter):
    services.submit_comment(debate, voter, text="Predlažem izmjenu.")
    now = timezone.now()
    Consultation.objects.filter(pk=debate.pk).update(
        starts_at=now - datetime.timedelta(days=40), ends_at=now - datetime.timedelta(days=20)
    )
    services.run_schedule()  # an unanswered comment keeps it open
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "Izvještaj je trebalo objaviti do" in html and "i kasni." in html


def test_the_page_does_not_say_late_before_the_report_is_due(client, home_page, debate):
    html = client.get(debate.get_absolute_url()).content.decode()
    assert "i kasni." not in html
