"""The acts registry's models and services: the contract other apps build on."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from infocentar.acts import services
from infocentar.acts.compare import compare_versions, summary
from infocentar.acts.models import Act, ActStatus, Article


def test_absolute_urls(act_with_versions):
    act, v1, _v2 = act_with_versions
    assert act.get_absolute_url() == f"/akti/{act.pk}/"
    assert v1.get_absolute_url() == f"/akti/{act.pk}/verzija/{v1.pk}/"


def test_article_anchor_and_order(act_with_versions):
    _act, _v1, v2 = act_with_versions
    articles = list(v2.articles.all())
    assert [a.number for a in articles] == ["1", "2", "3a"]
    assert articles[2].anchor == "clan-3a"
    assert articles[1].paragraphs == ["Pojmovi imaju sljedeće značenje.", "Javna površina je ulica."]


def test_versions_are_ordered(act_with_versions):
    act, v1, v2 = act_with_versions
    assert list(act.versions.all()) == [v1, v2]
    assert act.latest_version() == v2


def test_set_status_sets_the_step_date_and_audits(act_with_versions, assembly_secretary):
    act, _v1, _v2 = act_with_versions
    services.set_status(act, ActStatus.ADOPTED, by=assembly_secretary, on=datetime.date(2024, 5, 10))
    act.refresh_from_db()
    assert act.status == ActStatus.ADOPTED
    assert act.adopted_on == datetime.date(2024, 5, 10)
    assert act.year == 2024
    entry = ModelLogEntry.objects.filter(object_id=str(act.pk), user=assembly_secretary).latest("timestamp")
    assert entry.data["changes"]["status"] == [ActStatus.DRAFT, ActStatus.ADOPTED]
    assert entry.data["organisation_id"] == act.issuer_id


def test_set_status_refuses_an_unknown_status(act_with_versions):
    act, _v1, _v2 = act_with_versions
    with pytest.raises(ValidationError):
        services.set_status(act, "nonsense")
    act.refresh_from_db()
    assert act.status == ActStatus.DRAFT


def test_entry_into_force_is_the_eighth_day_after_publication(make_act, assembly):
    act = make_act(assembly)
    services.publish_in_gazette(act, issue="12/2024", on=datetime.date(2024, 3, 20), registry_number="123")
    act.refresh_from_db()
    assert act.status == ActStatus.PUBLISHED
    assert act.entry_into_force == datetime.date(2024, 3, 28)
    assert "12/2024" in act.gazette_citation


def test_entry_into_force_set_by_hand_is_kept(make_act, assembly):
    act = make_act(assembly, entry_into_force=datetime.date(2024, 4, 1), entry_into_force_set_by_hand=True)
    services.publish_in_gazette(act, issue="12/2024", on=datetime.date(2024, 3, 20))
    act.refresh_from_db()
    assert act.entry_into_force == datetime.date(2024, 4, 1)


def test_a_changed_entry_into_force_counts_as_set_by_hand(make_act, assembly):
    act = make_act(assembly)
    services.publish_in_gazette(act, issue="12/2024", on=datetime.date(2024, 3, 20))
    act = Act.objects.get(pk=act.pk)
    assert (act.entry_into_force, act.entry_into_force_set_by_hand) == (datetime.date(2024, 3, 28), False)
    act.entry_into_force = datetime.date(2024, 4, 15)  # as the back-office form does, box left unticked
    act.save()
    act = Act.objects.get(pk=act.pk)
    assert (act.entry_into_force, act.entry_into_force_set_by_hand) == (datetime.date(2024, 4, 15), True)
    services.publish_in_gazette(act, issue="13/2024", on=datetime.date(2024, 3, 25))
    assert Act.objects.get(pk=act.pk).entry_into_force == datetime.date(2024, 4, 15)


def test_an_untouched_entry_into_force_follows_the_publication(make_act, assembly):
    act = make_act(assembly)
    services.publish_in_gazette(act, issue="12/2024", on=datetime.date(2024, 3, 20))
    act = Act.objects.get(pk=act.pk)
    act.gazette_date = act.published_on = datetime.date(2024, 3, 22)
    act.save()
    act = Act.objects.get(pk=act.pk)
    assert (act.entry_into_force, act.entry_into_force_set_by_hand) == (datetime.date(2024, 3, 30), False)


def test_gazette_before_adoption_is_refused(make_act, assembly):
    act = make_act(assembly, adopted_on=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError):
        services.publish_in_gazette(act, issue="1/2024", on=datetime.date(2024, 2, 1))
    assert Act.objects.get(pk=act.pk).gazette_issue == ""


def test_compare_versions_marks_words_and_articles(act_with_versions):
    _act, v1, v2 = act_with_versions
    changes = compare_versions(v1, v2)
    kinds = [(c.number, c.kind) for c in changes]
    assert kinds == [("1", "changed"), ("2", "unchanged"), ("3", "removed"), ("3a", "added")]
    first = changes[0]
    assert "<ins>" in first.text_html and "mir" in first.text_html
    assert first.inserted_words == 2  # "i", "mir"
    assert "inserted:" in first.text_html  # told by words, not by colour alone
    assert "<del>" in changes[2].text_html
    assert summary(changes) == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}


def test_compare_escapes_html(make_act, assembly):
    act = make_act(assembly)
    a = services.create_version(act, label="A", articles=[services.ArticleData("1", "", "<b>x</b>")])
    b = services.create_version(act, label="B", articles=[services.ArticleData("1", "", "<script>y</script>")])
    html = compare_versions(a, b)[0].text_html
    assert "<script" not in html and "<b>" not in html and "&lt;" in html


def test_replace_articles(act_with_versions, assembly_secretary):
    _act, v1, _v2 = act_with_versions
    services.replace_articles(v1, [services.ArticleData("1", "Novo", "Tekst")], by=assembly_secretary)
    assert list(Article.objects.filter(version=v1).values_list("number", "heading")) == [("1", "Novo")]
