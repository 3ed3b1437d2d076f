"""The public registry /akti/, an act's page, comparison, feeds, export."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infocentar.acts import services
from infocentar.acts.models import ActStatus, ActType, RelationKind
from infocentar.acts.slots import register_act_panel, unregister_act_panel


def test_registry_lists_public_acts_only(client, make_act, assembly):
    make_act(assembly, title="Odluka o javnim parkiralištima")
    make_act(assembly, title="Interni nacrt", is_public=False)
    response = client.get("/akti/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Odluka o javnim parkiralištima" in html
    assert "Interni nacrt" not in html


def test_registry_filters(client, make_act, assembly, mayor):
    make_act(assembly, title="Statut opštine", type=ActType.STATUTE, adopted_on=datetime.date(2019, 1, 10))
    make_act(mayor, title="Rješenje o imenovanju", type=ActType.RULING, adopted_on=datetime.date(2024, 2, 1))
    make_act(assembly, title="Nacrt odluke o grbu", status=ActStatus.DRAFT, adopted_on=None, area="Simboli")
    html = client.get("/akti/?type=statute").content.decode()
    assert "Statut opštine" in html and "Rješenje o imenovanju" not in html
    html = client.get("/akti/?issuer=predsjednik").content.decode()
    assert "Rješenje o imenovanju" in html and "Statut opštine" not in html
    html = client.get("/akti/?year=2019").content.decode()
    assert "Statut opštine" in html and "Rješenje o imenovanju" not in html
    html = client.get("/akti/?status=draft").content.decode()
    assert "Nacrt odluke o grbu" in html and "Statut opštine" not in html
    html = client.get("/akti/?area=Simboli").content.decode()
    assert "Nacrt odluke o grbu" in html and "Statut opštine" not in html


def test_registry_sorting(client, make_act, assembly):
    make_act(assembly, title="Zaključak B", adopted_on=datetime.date(2020, 1, 1))
    make_act(assembly, title="Akt A", adopted_on=datetime.date(2024, 1, 1))
    html = client.get("/akti/?sort=title").content.decode()
    assert html.index("Akt A") < html.index("Zaključak B")
    html = client.get("/akti/?sort=oldest").content.decode()
    assert html.index("Zaključak B") < html.index("Akt A")


@pytest.mark.parametrize(
    "params",
    [
        "?year=abc",
        "?type=nope",
        "?issuer=%00",
        "?sort=drop",
        "?page=999",
        "?page=-1",
        "?q=" + "x" * 5000,
        "?q=%3Cscript%3E",
    ],
)
def test_registry_bad_query_strings_never_fail(client, make_act, assembly, params):
    make_act(assembly)
    response = client.get("/akti/" + params)
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"</head>")[1]


def _folding_cases():
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "shared" / "data" / "search-folding-cases.tsv"
    if not path.exists():
        pytest.fail(f"Missing test data: {path}")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return rows


def test_registry_search_is_folded_in_both_scripts(client, make_act, assembly):
    make_act(assembly, title="Odluka o opštinskim porezima")
    make_act(assembly, title="Pravilnik o radu")
    for query in ("opstinskim", "ОПШТИНСКИМ", "Opštinskim"):
        html = client.get("/akti/", {"q": query}).content.decode()
        assert "Odluka o opštinskim porezima" in html, query
        assert "Pravilnik o radu" not in html


def test_registry_search_follows_the_shared_folding_cases(client, make_act, assembly):
    rows = _folding_cases()
    assert rows
    for word, _folded in rows[:6]:
        make_act(assembly, title=f"Akt {word} tekst")
    for word, folded in rows[:6]:
        html = client.get("/akti/", {"q": folded}).content.decode()
        assert f"Akt {word} tekst" in html, (word, folded)


def test_registry_search_lists_the_newest_matches_up_to_its_limit_and_says_so(client, make_act, assembly, monkeypatch):
    from infocentar.acts import listing

    monkeypatch.setattr(listing, "SEARCH_LIMIT", 3)
    oldest = make_act(assembly, title="Odluka o vodosnabdijevanju", adopted_on=datetime.date(2024, 1, 1))
    for n in range(4):
        make_act(assembly, title=f"Rješenje broj {n}", area="Vodosnabdijevanje naselja")
    make_act(assembly, title="Pravilnik o radu")

    response = client.get("/akti/", {"q": "vodosnabdijevanje"})
    listed = [act.title for act in response.context["acts"]]
    # The three most recently entered matches, by relevance; the older title match is left out.
    assert listed == ["Rješenje broj 3", "Rješenje broj 2", "Rješenje broj 1"]
    assert response.context["result_count"] == 3
    assert response.context["search_capped"]
    assert "najskorije unesenih" in response.content.decode()

    monkeypatch.setattr(listing, "SEARCH_LIMIT", 10)
    response = client.get("/akti/", {"q": "vodosnabdijevanje"})
    listed = [act.title for act in response.context["acts"]]
    assert listed[0] == oldest.title  # a title holding the word comes first
    assert len(listed) == 5 and not response.context["search_capped"]
    assert "najskorije unesenih" not in response.content.decode()
    by_title = client.get("/akti/", {"q": "vodosnabdijevanje", "sort": "title"}).context["acts"]
    assert [act.title for act in by_title] == sorted(listed)
    exported = b"".join(client.get("/akti/izvoz.csv", {"q": "vodosnabdijevanje"}).streaming_content).decode()
    assert all(title in exported for title in listed)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_registry_queries_do_not_grow_with_rows(client, make_act, assembly, mayor):
    for _ in range(3):
        make_act(assembly)
    client.get("/akti/?sort=title")  # warm the per-process caches (site, settings)
    few = _count_queries(client, "/akti/?sort=title")
    for i in range(9):
        make_act(mayor if i % 2 else assembly)
    many = _count_queries(client, "/akti/?sort=title")
    assert few == many


def test_act_page_shows_text_with_article_links_and_timeline(client, act_with_versions):
    act, _v1, _v2 = act_with_versions
    services.set_status(act, ActStatus.ADOPTED, on=datetime.date(2024, 6, 1))
    html = client.get(act.get_absolute_url()).content.decode()
    assert 'id="clan-3a"' in html and 'href="#clan-3a"' in html
    assert "Novčanom kaznom" in html
    assert "II NADZOR" in html
    assert 'aria-current="step"' in html
    assert "Prijedlog" in html and "Nacrt" in html


def test_act_page_older_version(client, act_with_versions):
    act, v1, _v2 = act_with_versions
    html = client.get(v1.get_absolute_url()).content.decode()
    assert "Nadzor vrši komunalna policija" in html
    assert f'href="{act.get_absolute_url()}"' in html  # "see the latest version"


def test_hidden_act_and_unknown_version_are_404(client, make_act, assembly, act_with_versions):
    hidden = make_act(assembly, is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    act, _v1, _v2 = act_with_versions
    assert client.get(f"/akti/{act.pk}/verzija/999999/").status_code == 404
    assert client.get(f"/akti/{hidden.pk}/akn.xml").status_code == 404


def test_compare_page_marks_changes_not_by_colour_alone(client, act_with_versions):
    act, v1, v2 = act_with_versions
    response = client.get(f"/akti/{act.pk}/uporedi/", {"od": v1.pk, "do": v2.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<ins>" in html and "<del>" in html
    assert 'class="visually-hidden"' in html
    assert "Pojmovi imaju" not in html  # unchanged articles are hidden by default
    html_all = client.get(f"/akti/{act.pk}/uporedi/", {"od": v1.pk, "do": v2.pk, "sve": "1"}).content.decode()
    assert "Pojmovi imaju" in html_all


def test_compare_bad_input(client, act_with_versions):
    act, v1, _v2 = act_with_versions
    assert client.get(f"/akti/{act.pk}/uporedi/", {"od": v1.pk, "do": v1.pk}).status_code == 400
    assert client.get(f"/akti/{act.pk}/uporedi/", {"od": "x", "do": "1e9"}).status_code == 400
    assert client.get(f"/akti/{act.pk}/uporedi/").status_code == 200  # the last two versions


def test_related_acts_both_ways(client, make_act, assembly):
    base = make_act(assembly, title="Odluka o porezu")
    change = make_act(assembly, title="Odluka o izmjenama Odluke o porezu")
    services.relate(change, RelationKind.AMENDS, base)
    assert "Odluka o porezu" in client.get(change.get_absolute_url()).content.decode()
    assert "Odluka o izmjenama" in client.get(base.get_absolute_url()).content.decode()


def test_debate_slot_shows_registered_panels_and_survives_errors(client, make_act, assembly):
    act = make_act(assembly)

    def panel(request, obj):
        return f'<p class="debate">Rasprava o aktu {obj.pk}</p>'

    def broken(request, obj):
        raise RuntimeError("bug in another app")

    register_act_panel(panel)
    register_act_panel(broken)
    try:
        html = client.get(act.get_absolute_url()).content.decode()
    finally:
        unregister_act_panel(panel)
        unregister_act_panel(broken)
    assert f"Rasprava o aktu {act.pk}" in html


def test_feeds_of_new_and_changed_acts_per_type_and_issuer(client, make_act, assembly, mayor):
    make_act(assembly, title="Statut", type=ActType.STATUTE)
    make_act(mayor, title="Rješenje gradonačelnika", type=ActType.RULING)
    rss = client.get("/akti/rss/").content.decode()
    assert "Statut" in rss and "Rješenje gradonačelnika" in rss
    rss = client.get("/akti/rss/?type=statute").content.decode()
    assert "Statut" in rss and "Rješenje gradonačelnika" not in rss
    atom = client.get("/akti/atom/?issuer=predsjednik")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Rješenje gradonačelnika" in atom.content.decode() and "<title>Statut" not in atom.content.decode()
    assert client.get("/akti/rss/?type=%00&issuer=x").status_code == 200
    cyr = client.get("/cir/akti/rss/").content.decode()
    assert "Статут" in cyr


def test_feed_of_newly_adopted_acts_per_area(client, make_act, assembly):
    from infocentar.acts import services

    make_act(assembly, title="Nacrt o parkiranju", status=ActStatus.DRAFT, adopted_on=None)
    make_act(assembly, title="Odluka o parkiranju", area="Saobraćaj")
    make_act(assembly, title="Odluka o grobljima")  # Komunalne djelatnosti
    late = make_act(
        assembly, title="Odluka o taksi prevozu", status=ActStatus.PROPOSAL, adopted_on=None, area="Saobraćaj"
    )
    services.set_status(late, ActStatus.ADOPTED, on=datetime.date(2023, 1, 10))  # adopted long ago, entered now
    rss = client.get("/akti/rss/?adopted=1").content.decode()
    assert "Odluka o parkiranju" in rss and "Odluka o grobljima" in rss and "Nacrt o parkiranju" not in rss
    assert rss.index("Odluka o taksi prevozu") < rss.index("Odluka o parkiranju")  # newest adoption news first
    atom = client.get("/akti/atom/?adopted=1&area=saobraćaj").content.decode()
    assert "Odluka o taksi prevozu" in atom and "Odluka o parkiranju" in atom and "Odluka o grobljima" not in atom
    assert "adopted=1" in atom and "area=" in atom  # the feed's own address keeps the filters
    assert client.get("/akti/rss/?adopted=%00&area=" + "x" * 500).status_code == 200


def test_export_csv_and_json(client, make_act, assembly):
    make_act(assembly, title="Odluka o grbu", gazette_issue="5/2024", gazette_date=datetime.date(2024, 3, 5))
    make_act(assembly, title="Skriveni", is_public=False)
    response = client.get("/akti/izvoz.csv")
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["title"] for r in rows] == ["Odluka o grbu"]
    assert rows[0]["gazette_issue"] == "5/2024" and rows[0]["entry_into_force"] == "2024-03-13"
    response = client.get("/akti/izvoz.json?type=decision")
    data = json.loads(b"".join(response.streaming_content))
    assert data[0]["title"] == "Odluka o grbu" and data[0]["url"].endswith(data[0]["url"].split("/akti/")[1])


def test_cyrillic_and_english_pages(client, make_act, assembly):
    act = make_act(assembly, title="Odluka o grbu")
    assert "Одлука о грбу" in client.get("/cir/akti/").content.decode()
    assert client.get(f"/en/akti/{act.pk}/").status_code == 200


def test_entry_into_force_job(make_act, assembly):
    from infocentar.acts.jobs import enter_into_force

    act = make_act(assembly, adopted_on=datetime.date(2020, 2, 20))
    services.publish_in_gazette(act, issue="1/2020", on=datetime.date(2020, 3, 1))
    assert "1 act" in enter_into_force()
    act.refresh_from_db()
    assert act.status == ActStatus.IN_FORCE and act.entry_into_force == datetime.date(2020, 3, 9)
    assert enter_into_force() is None  # idempotent


def test_site_search_finds_acts(client, make_act, assembly, home_page):
    act = make_act(assembly, title="Odluka o nazivima ulica")
    make_act(assembly, title="Skrivena odluka o ulicama", is_public=False)
    for query in ("nazivima ulica", "НАЗИВИМА"):
        html = client.get("/pretraga/", {"q": query}).content.decode()
        assert f'href="{act.get_absolute_url()}"' in html, query
    assert "Skrivena odluka" not in client.get("/pretraga/", {"q": "skrivena"}).content.decode()


def test_home_page_lists_recently_adopted_acts(client, make_act, assembly, home_page):
    make_act(assembly, title="Odluka o grbu i zastavi", status=ActStatus.ADOPTED)
    make_act(assembly, title="Nacrt odluke o buci", status=ActStatus.DRAFT, adopted_on=None)
    html = client.get("/").content.decode()
    assert "Odluka o grbu i zastavi" in html
    assert "Nacrt odluke o buci" not in html


def test_csv_export_defuses_formulas(client, make_act, assembly):
    make_act(assembly, title='=HYPERLINK("http://x")')
    body = b"".join(client.get("/akti/izvoz.csv").streaming_content).decode("utf-8").lstrip("\ufeff")
    row = next(csv.DictReader(io.StringIO(body)))
    assert row["title"].startswith("'=")


def test_a_bodys_page_lists_its_acts(client, make_act, assembly, mayor, home_page):
    make_act(assembly, title="Odluka o grbu opštine")
    make_act(mayor, title="Rješenje predsjednika")
    html = client.get(assembly.get_absolute_url()).content.decode()
    assert "Odluka o grbu opštine" in html and "Rješenje predsjednika" not in html
    assert "/akti/?issuer=skupstina" in html


@pytest.mark.parametrize(
    "path",
    [
        "/akti/99999999999999999999999/",
        "/akti/99999999999999999999999/akn.xml",
        "/akti/1/verzija/99999999999999999999999/",
        "/akti/99999999999999999999999/uporedi/",
    ],
)
def test_huge_ids_are_404(client, db, path):
    assert client.get(path).status_code == 404
