"""Site search: folding of both scripts and diacritics, and the /pretraga/ page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from infocentar.core.search import normalise_query
from infocentar.core.text import fold, fold_for_index
from tests.factories import OrganisationFactory

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """Requests to /en/ leave English active in this thread: later tests expect the default again."""
    from django.utils import translation

    yield
    translation.deactivate()


def _folding_cases():
    path = SHARED_DATA / "search-folding-cases.tsv"
    if not path.exists():
        pytest.fail(f"Shared test data is missing: {path} (CI has ../shared beside the clone).")
    with path.open(encoding="utf-8") as fh:
        return [(row["input"], row["folded"]) for row in csv.DictReader(fh, delimiter="\t")]


def test_every_shared_folding_case():
    for raw, folded in _folding_cases():
        assert fold(raw) == folded, raw


def test_dj_is_also_found_by_d():
    indexed = fold_for_index("Ljiljana Đurđević")
    assert "djurdjevic" in indexed.split()
    assert "durdevic" in indexed.split()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("'; DROP TABLE--", "drop table--"),
    ],
)
def test_odd_queries_are_normalised(raw, expected):
    assert normalise_query(raw) == expected


def test_huge_query_is_cut():
    assert len(normalise_query("a" * 100_000)) <= 200


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["opstina", "Opština", "ОПШТИНА", "општина", "OPSTINA"])
def test_search_page_finds_the_same_in_every_script(client, home_page, query):
    OrganisationFactory(name="Opština Primjer — Sekretarijat za finansije", slug="sf")
    OrganisationFactory(name="Centar za kulturu", slug="czk")
    response = client.get("/pretraga/", {"q": query})
    assert response.status_code == 200
    # The organisation and the home page ("Opština Primjer"); not the Centar za kulturu.
    assert response.context["result_count"] == 2
    content = response.content.decode()
    assert "Sekretarijat za finansije" in content
    assert "Centar za kulturu" not in content.split('class="search-results"', 1)[1]


@pytest.mark.django_db
def test_search_finds_pages_by_body_text(client, home_page):
    from infocentar.portal.models import StandardPage

    page = home_page.add_child(instance=StandardPage(title="O opštini", slug="o-opstini", intro="Ćirilica i latinica"))
    page.save_revision().publish()
    response = client.get("/pretraga/", {"q": "cirilica"})
    assert "O opštini" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "%%%", "x" * 5000, "\x00"])
def test_odd_search_answers_politely(client, home_page, query):
    response = client.get("/pretraga/", {"q": query})
    assert response.status_code == 200


@pytest.mark.django_db
def test_nothing_found_page_suggests(client, home_page):
    response = client.get("/pretraga/", {"q": "nepostojecirijec"})
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    assert 'class="no-results"' in response.content.decode()


@pytest.mark.django_db
def test_search_is_served_in_cyrillic(client, home_page):
    OrganisationFactory(name="Centar za kulturu", slug="czk")
    response = client.get("/cir/pretraga/", {"q": "центар"})
    assert response.status_code == 200
    assert "Центар за културу" in response.content.decode()


# --------------------------------------------------------------------------
# Terms, folding with offsets, highlighting
# --------------------------------------------------------------------------

from infocentar.core import search as site_search  # noqa: E402
from infocentar.core.search import (  # noqa: E402
    fold_with_offsets,
    highlight,
    make_term,
    query_terms,
    snippet,
)


@pytest.mark.parametrize(
    ("word", "stem", "prefix"),
    [
        ("kulturu", "kultur", True),
        ("kultura", "kultur", True),
        ("opstinama", "opstin", True),
        ("sjednica", "sjednic", True),
        ("budzetom", "budzet", True),
        ("plan", "plan", True),  # four letters: a prefix, nothing cut
        ("voda", "voda", True),  # the stem would be shorter than four letters
        ("za", "za", False),
        ("sud", "sud", False),
        ("2024", "2024", False),
    ],
)
def test_terms_of_four_letters_or_more_are_prefixes(word, stem, prefix):
    term = make_term(word)
    assert (term.stem, term.prefix) == (stem, prefix)


def test_conjunctions_and_prepositions_are_left_out_unless_the_query_has_nothing_else():
    from infocentar.core.search import normalise_query, query_terms

    def words(query):
        return [t.word for t in query_terms(normalise_query(query))]

    assert words("Odluka o komunalnom redu i miru") == ["odluka", "komunalnom", "redu", "miru"]
    assert words("ОДЛУКА О БУЏЕТУ") == ["odluka", "budzetu"]
    assert words("i u o") == ["i", "u", "o"]


def test_query_terms_split_at_hyphens_drop_repeats_and_are_capped():
    assert [t.word for t in query_terms("opstina-primjer opstina zona")] == ["opstina", "primjer", "zona"]
    assert len(query_terms(" ".join(f"rijec{n}" for n in range(100)))) == site_search.MAX_TERMS


def test_fold_with_offsets_folds_like_fold():
    for raw, _folded in _folding_cases():
        folded, starts, ends = fold_with_offsets(raw)
        assert " ".join(folded.split()) == fold(raw), raw
        assert len(starts) == len(ends) == len(folded)


@pytest.mark.parametrize(
    ("text", "span_text"),
    [
        ("Ljiljana Đurđević", "Đurđević"),  # đ → dj: the folding is longer than the text
        ("Општина Љубовић", "Љубовић"),  # Cyrillic, љ → lj
        ("Šćepanović i Čađenović", "Čađenović"),
        ("Zakon С́ala o С́ali", "С́ali"),  # С + combining acute: the accent belongs to the letter
        ("Cafe\u0301 Nikšić", "Nikšić"),  # a decomposed é before the word
    ],
)
def test_fold_with_offsets_maps_back_to_the_original(text, span_text):
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    folded, starts, ends = fold_with_offsets(text)
    target = fold(span_text)
    j = folded.rindex(target)
    assert text[starts[j] : ends[j + len(target) - 1]] == span_text
    for index, char in enumerate(folded):
        assert char in fold(text[starts[index] : ends[index]]) or char == " "


def test_highlight_marks_words_found_without_diacritics_and_in_cyrillic():
    terms = query_terms(normalise_query("opstina"))
    assert highlight("Opština Primjer", terms) == "<mark>Opština</mark> Primjer"
    assert highlight("ОПШТИНА и општини", terms) == "<mark>ОПШТИНА</mark> и <mark>општини</mark>"
    # Only words that start with the term: not "neopštinski".
    assert highlight("neopštinski", terms) == "neopštinski"


@pytest.mark.parametrize("query", ["durdevic", "djurdjevic", "Đurđević", "ђурђевић", "DURDEVIC"])
def test_highlight_finds_dj_written_in_every_way(query):
    terms = query_terms(normalise_query(query))
    assert highlight("Ljiljana Đurđević", terms) == "Ljiljana <mark>Đurđević</mark>"
    assert highlight("Ђурђевић", terms) == "<mark>Ђурђевић</mark>"


def test_highlight_marks_inflected_forms():
    terms = query_terms(normalise_query("kulturu"))
    assert highlight("Centar za kulturu, kultura i kulturni", terms) == (
        "Centar za <mark>kulturu</mark>, <mark>kultura</mark> i <mark>kulturni</mark>"
    )


def test_highlight_escapes_content_and_query():
    terms = query_terms(normalise_query("<script>alert</script>"))
    marked = highlight('<script>alert("x")</script> & <b>', terms)
    assert "<script>" not in marked and "<b>" not in marked
    assert marked == (
        "&lt;<mark>script</mark>&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; &lt;b&gt;"
    )


def test_snippet_is_cut_around_the_first_match():
    text = "Uvod. " * 60 + "Sjednica Skupštine opštine održaće se u ponedjeljak. " + "Kraj. " * 60
    cut = snippet(text, query_terms("skupstina"))
    assert cut.startswith("… ") and cut.endswith(" …")
    assert "<mark>Skupštine</mark>" in cut
    assert len(cut) < site_search.SNIPPET_LENGTH + 40


def test_snippet_without_a_match_is_the_beginning():
    assert snippet("Kratak tekst.", query_terms("nesto")) == "Kratak tekst."
    assert snippet("", query_terms("nesto")) == ""
    assert snippet("a <b>", query_terms("nesto")) == "a &lt;b&gt;"


# --------------------------------------------------------------------------
# The search page
# --------------------------------------------------------------------------


def _page(parent, title, *, intro="", year=None, body=None):
    import datetime

    from django.utils import timezone
    from django.utils.text import slugify

    from infocentar.portal.models import StandardPage

    page = parent.add_child(
        instance=StandardPage(title=title, slug=slugify(fold(title))[:50], intro=intro, body=body or [])
    )
    page.save_revision().publish()
    if year:
        moment = timezone.make_aware(datetime.datetime(year, 6, 1, 12, 0))
        type(page).objects.filter(pk=page.pk).update(first_published_at=moment)
    return page


def _results(response) -> list[str]:
    return [r.hit.title for r in response.context["results"]]


def _facet(response, name) -> dict[str, tuple[int, bool]]:
    """value -> (count, chosen) of one facet."""
    for group in response.context["facets"]:
        if group["name"] == name:
            return {v["value"]: (v["count"], v["selected"]) for v in group["values"] + group["more"]}
    return {}


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["kultura", "kulture", "kulturu", "KULTURA", "културом"])
def test_inflected_words_find_each_other(client, home_page, query):
    OrganisationFactory(name="Centar za kulturu", slug="czk", mandate="")
    response = client.get("/pretraga/", {"q": query})
    assert _results(response) == ["Centar za kulturu"]


@pytest.mark.django_db
def test_a_prefix_of_four_letters_finds_longer_words(client, home_page):
    _page(home_page, "Planiranje budžeta")
    assert _results(client.get("/pretraga/", {"q": "plan"})) == ["Planiranje budžeta"]
    # Short words are whole words only.
    assert _results(client.get("/pretraga/", {"q": "pla"})) == []


@pytest.mark.django_db
def test_titles_come_before_body_text(client, home_page):
    _page(home_page, "Vijesti iz opštine", intro="Budžet, budžet, budžet: sve o budžetu i budžetskoj potrošnji.")
    _page(home_page, "Budžet za 2025. godinu", intro="Skupština je usvojila odluku.")
    OrganisationFactory(name="Sekretarijat za finansije", slug="sf", mandate="Priprema budžet opštine.")
    titles = _results(client.get("/pretraga/", {"q": "budzet"}))
    assert titles[0] == "Budžet za 2025. godinu"
    assert set(titles[1:]) == {"Vijesti iz opštine", "Sekretarijat za finansije"}


@pytest.mark.django_db
def test_results_have_highlighted_titles_and_snippets(client, home_page):
    _page(
        home_page,
        "Javni poziv",
        intro="Uvodni tekst. " * 20 + "Opština poziva građane na javnu raspravu <o> budžetu. " + "Kraj. " * 30,
    )
    content = client.get("/pretraga/", {"q": "opstina rasprava"}).content.decode()
    results = content.split('class="search-results"', 1)[1]
    assert "<mark>Opština</mark> poziva građane na javnu <mark>raspravu</mark> &lt;o&gt; budžetu." in results
    assert "… " in results


@pytest.mark.django_db
def test_highlighting_survives_the_cyrillic_variant(client, home_page):
    _page(home_page, "Javni poziv", intro="Opština poziva građane.")
    content = client.get("/cir/pretraga/", {"q": "opstina"}).content.decode()
    assert "<mark>Општина</mark> позива грађане." in content


@pytest.mark.django_db
def test_no_html_injection_from_content_or_query(client, home_page):
    OrganisationFactory(name='Opština <script>alert("x")</script>', slug="xss", mandate="<img src=x onerror=alert(1)>")
    response = client.get("/pretraga/", {"q": '"><script>alert(1)</script> opstina'})
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;" in content


@pytest.fixture
def facet_data(home_page):
    """Organisations (each its own body) and pages of three years, all mentioning "sjednica"."""
    OrganisationFactory(name="Skupština opštine", slug="skupstina", mandate="Sjednice skupštine.")
    OrganisationFactory(name="Sekretarijat za finansije", slug="sf", mandate="Priprema sjednice.")
    OrganisationFactory(name="Centar za kulturu", slug="czk", mandate="Kultura.")
    _page(home_page, "Sjednica u martu", year=2023)
    _page(home_page, "Sjednica u aprilu", year=2024)
    _page(home_page, "Sjednica u maju", year=2024)
    return home_page


@pytest.mark.django_db
def test_facets_count_the_results(client, facet_data):
    response = client.get("/pretraga/", {"q": "sjednica"})
    assert response.context["result_count"] == 5
    assert _facet(response, "kind") == {"portal-standardpage": (3, False), "core-organisation": (2, False)}
    assert _facet(response, "organisation") == {"skupstina": (1, False), "sf": (1, False)}
    labels = {v["value"]: v["label"] for g in response.context["facets"] for v in g["values"]}
    assert labels["sf"] == "Sekretarijat za finansije"
    assert labels["portal-standardpage"] == "Stranice"
    assert _facet(response, "year") == {"2024": (2, False), "2023": (1, False)}


@pytest.mark.django_db
def test_a_facet_narrows_the_results_and_the_other_facets(client, facet_data):
    kinds = {v["value"]: v for g in client.get("/pretraga/", {"q": "sjednica"}).context["facets"] for v in g["values"]}
    response = client.get("/pretraga/" + kinds["portal-standardpage"]["url"])
    assert sorted(_results(response)) == ["Sjednica u aprilu", "Sjednica u maju", "Sjednica u martu"]
    # The kind facet still offers the other kind (values within a facet add up) …
    assert _facet(response, "kind") == {"portal-standardpage": (3, True), "core-organisation": (2, False)}
    # … and the other facets count only what the chosen kind lets through.
    assert _facet(response, "organisation") == {}
    assert _facet(response, "year") == {"2024": (2, False), "2023": (1, False)}

    response = client.get("/pretraga/", {"q": "sjednica", "vrsta": "portal-standardpage", "godina": "2024"})
    assert sorted(_results(response)) == ["Sjednica u aprilu", "Sjednica u maju"]
    assert response.context["filtered"]
    content = response.content.decode()
    assert 'href="?q=sjednica"' in content  # clear the filters, keep the words

    response = client.get("/pretraga/", {"q": "sjednica", "organ": "sf"})
    assert _results(response) == ["Sekretarijat za finansije"]
    assert _facet(response, "organisation")["sf"] == (1, True)


@pytest.mark.django_db
def test_a_chosen_facet_link_removes_the_filter(client, facet_data):
    response = client.get("/pretraga/", {"q": "sjednica", "godina": ["2023", "2024"]})
    assert len(_results(response)) == 3
    years = {v["value"]: v for g in response.context["facets"] if g["name"] == "year" for v in g["values"]}
    assert years["2023"]["selected"] and years["2024"]["selected"]
    assert years["2023"]["url"] == "?q=sjednica&godina=2024"
    assert 'aria-current="true"' in response.content.decode()


@pytest.mark.django_db
def test_facets_that_remove_everything_offer_to_clear_them(client, facet_data):
    response = client.get("/pretraga/", {"q": "sjednica", "organ": "sf", "godina": "2023"})
    assert response.status_code == 200
    assert response.context["result_count"] == 0
    content = response.content.decode()
    assert 'class="no-results"' in content
    assert 'href="?q=sjednica"' in content


@pytest.mark.django_db
def test_unknown_facet_values_are_ignored_or_shown_as_chosen(client, facet_data):
    response = client.get("/pretraga/", {"q": "sjednica", "vrsta": "nema-takve", "organ": "nema-takvog"})
    assert response.context["result_count"] == 5


@pytest.mark.django_db
def test_pagination_keeps_the_query_and_the_filters(client, home_page):
    for n in range(25):
        OrganisationFactory(name=f"Mjesna zajednica broj {n}", slug=f"mz-{n}", mandate="")
    response = client.get("/pretraga/", {"q": "mjesna zajednica", "vrsta": "core-organisation"})
    assert response.context["result_count"] == 25
    assert len(response.context["results"]) == 20
    content = response.content.decode()
    assert 'href="?q=mjesna+zajednica&amp;vrsta=core-organisation&amp;page=2"' in content
    response = client.get("/pretraga/", {"q": "mjesna zajednica", "vrsta": "core-organisation", "page": "2"})
    assert len(response.context["results"]) == 5
    assert 'start="21"' in response.content.decode()


@pytest.mark.django_db
def test_many_matches_are_capped_and_said_so(client, home_page, monkeypatch):
    monkeypatch.setattr(site_search, "RESULTS_PER_SOURCE", 3)
    for n in range(5):
        OrganisationFactory(name=f"Mjesna zajednica {n}", slug=f"mz-{n}", mandate="")
    response = client.get("/en/pretraga/", {"q": "mjesna"})
    assert response.context["result_count"] == 3
    assert response.context["capped"]
    assert "only the 3 most relevant among the most recent" in response.content.decode()


@pytest.mark.django_db
def test_when_no_record_has_every_word_records_with_some_are_shown(client, home_page):
    OrganisationFactory(name="Centar za kulturu", slug="czk", mandate="")
    response = client.get("/pretraga/", {"q": "kultura nepostojecarijec"})
    assert _results(response) == ["Centar za kulturu"]
    assert response.context["any_word"]


@pytest.mark.django_db
def test_nothing_found_suggests_the_directory_and_the_home_page(client, home_page):
    content = client.get("/pretraga/", {"q": "nepostojecarijec"}).content.decode()
    no_results = content.split('class="no-results"', 1)[1]
    assert 'href="/organi/"' in no_results
    assert 'href="/"' in no_results
    assert "opstina" in no_results  # no need for diacritics or a script


def _search_queries(client, query="sjednica"):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/pretraga/", {"q": query})  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/pretraga/", {"q": query, "page": "2"})
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_matches(client, home_page, django_assert_max_num_queries):
    def add(start, count):
        for n in range(start, start + count):
            OrganisationFactory(name=f"Sjednica odbora {n}", slug=f"odbor-{n}", mandate="Sjednice odbora.")
            _page(home_page, f"Sjednica broj {n}", year=2020 + n % 5)

    add(0, 12)
    small, response = _search_queries(client)
    assert response.context["result_count"] == 24
    add(12, 40)
    large, response = _search_queries(client)
    assert response.context["result_count"] == 104
    assert large == small
    with django_assert_max_num_queries(small):
        client.get("/pretraga/", {"q": "sjednica", "godina": "2021", "page": "1"})


ODD_QUERIES = [
    "",
    "   ",
    "\x00",
    "opstina\x00",
    "x" * 5000,
    "ć" * 5000,
    "!!!",
    "...",
    "'",
    '"',
    '"opstina',
    "*",
    "opstina*",
    "opstin:*",
    ":",
    "&",
    "|",
    "!opstina",
    "(",
    "()",
    "(opstina",
    "NEAR",
    "NEAR(opstina sjednica)",
    "opstina AND sjednica",
    "opstina OR",
    "NOT opstina",
    "AND OR NOT",
    "-opstina",
    "opstina -sjednica",
    "a",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "½",
    "x²",
    "日本語",
    "🙂",
    "İstanbul",
    "\\",
    "%_%",
    "'; DROP TABLE wagtailcore_page; --",
    "{body} : opstina",
    "opstina^2",
    "op\u0301stina",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_answer_politely(client, home_page, query):
    OrganisationFactory(name="Opština Primjer", slug="op", mandate="")
    response = client.get("/pretraga/", {"q": query})
    assert response.status_code == 200
    assert b"search-form" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"vrsta": "'", "organ": "\x00", "godina": "abcd", "page": "-1"},
        {"vrsta": "x" * 500, "organ": "x" * 500, "godina": "99999999999999999999", "page": "99999"},
        {"godina": ["2024"] * 200, "organ": ["a"] * 200},
        {"page": "1e309", "godina": "٢٠٢٤"},
    ],
)
def test_odd_filters_answer_politely(client, home_page, params):
    OrganisationFactory(name="Opština Primjer", slug="op", mandate="")
    response = client.get("/pretraga/", {"q": "opstina", **params})
    assert response.status_code == 200


def test_snippet_finds_a_match_far_into_a_long_text_and_across_chunks():
    for filler in (1990, 1997, 2003, 30_000):
        text = "riječ " * (filler // 6) + "Ljiljana Đurđević, odbornica." + " kraj" * 100
        cut = snippet(text, query_terms("durdevic"))
        assert "<mark>Đurđević</mark>" in cut, filler
        assert cut.startswith("… ") and cut.endswith(" …")


@pytest.mark.django_db
def test_news_and_documents_have_organisation_and_year_facets(client, home_page, org_a, org_b):
    import datetime

    from infocentar.documents.models import DocumentType, LibraryDocument
    from infocentar.news.models import NewsIndexPage, NewsPage

    index = home_page.add_child(instance=NewsIndexPage(title="Vijesti", slug="vijesti"))
    index.save_revision().publish()
    for number, (organisations, date) in enumerate(
        [
            ([org_a], datetime.date(2024, 5, 1)),
            ([org_a, org_b], datetime.date(2025, 2, 1)),
            ([], datetime.date(2025, 3, 1)),
        ]
    ):
        page = NewsPage(
            title=f"Radovi na mreži {number}",
            slug=f"radovi-{number}",
            date=date,
            lead="Radovi na vodovodnoj mreži.",
            organisations=organisations,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    LibraryDocument.objects.create(
        title="Izvještaj o radovima",
        document_type=DocumentType.REPORT,
        year=2023,
        organisation=org_b,
        description="Radovi u 2023.",
        is_public=True,
    )
    response = client.get("/pretraga/", {"q": "radovi"})
    assert response.context["result_count"] == 4
    assert _facet(response, "kind") == {"news-newspage": (3, False), "documents-librarydocument": (1, False)}
    assert _facet(response, "organisation") == {"vik": (2, False), "centar-za-kulturu": (2, False)}
    assert _facet(response, "year") == {"2025": (2, False), "2024": (1, False), "2023": (1, False)}
    meta = {r.hit.title: r.organisations for r in response.context["results"]}
    assert meta["Radovi na mreži 1"] == ["Vodovod i kanalizacija d.o.o.", "Centar za kulturu"] or sorted(
        meta["Radovi na mreži 1"]
    ) == ["Centar za kulturu", "Vodovod i kanalizacija d.o.o."]

    response = client.get("/pretraga/", {"q": "radovi", "organ": "centar-za-kulturu"})
    assert sorted(_results(response)) == ["Izvještaj o radovima", "Radovi na mreži 1"]
    response = client.get("/pretraga/", {"q": "radovi", "organ": "centar-za-kulturu", "vrsta": "news-newspage"})
    assert _results(response) == ["Radovi na mreži 1"]
    response = client.get("/pretraga/", {"q": "radovi", "godina": "2023"})
    assert _results(response) == ["Izvještaj o radovima"]


def test_registered_sources_know_their_organisations_and_dates():
    by_key = {source.key: source for source in site_search.sources()}
    assert (by_key["core-organisation"].organisation_path, by_key["core-organisation"].date_path) == ("self", "")
    assert by_key["core-organisation"].title_field == "name"
    assert (by_key["portal-standardpage"].organisation_path, by_key["portal-standardpage"].date_path) == (
        "",
        "first_published_at",
    )
    assert (by_key["news-newspage"].organisation_path, by_key["news-newspage"].date_path) == ("organisations", "date")
    documents = by_key["documents-librarydocument"]
    assert (documents.organisation_path, documents.date_path) == ("organisation", "year")
    # Sources with the same label share one kind in the facet.
    kinds = site_search.source_kinds()
    assert kinds["portal-homepage"] == kinds["portal-standardpage"] == "portal-standardpage"


@pytest.mark.django_db
def test_search_queryset_gives_listings_the_same_folding_and_prefixes(home_page):
    from infocentar.core.models import Organisation

    centre = OrganisationFactory(name="Centar za kulturu", slug="czk", mandate="")
    OrganisationFactory(name="Sekretarijat za finansije", slug="sf", mandate="")
    for query in ("kulture", "КУЛТУРА", "centar kulturu"):
        assert list(site_search.search_queryset(Organisation.objects.all(), query)) == [centre], query
    assert list(site_search.search_queryset(Organisation.objects.all(), "!!!")) == []


@pytest.mark.django_db
def test_too_many_words_are_cut_and_said_so(client, home_page):
    words = " ".join(f"rijec{n}" for n in range(30))
    response = client.get("/pretraga/", {"q": words})
    assert response.status_code == 200
    assert response.context["too_long"]


def test_facet_paths_are_paths_not_functions():
    from infocentar.core.models import Organisation

    with pytest.raises(TypeError):
        site_search.register(Organisation, label="x", key="test-x", organisation=lambda obj: obj)
    assert "test-x" not in {source.key for source in site_search.sources()}


@pytest.mark.django_db
def test_the_newest_matches_found_in_windows_are_exactly_those_of_the_whole_index(monkeypatch):
    """On PostgreSQL the newest rows are searched first; what they give must equal the GIN index's answer."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the windows are PostgreSQL's (SQLite asks its FTS5 index directly)")
    for n in range(60):
        words = ["vodovodni"] + (["kanalizacioni"] if n % 3 == 0 else []) + (["atmosferski"] if n in (7, 41) else [])
        OrganisationFactory(name=f"Organ {n}", slug=f"organ-{n}", mandate=" ".join(words))
    source = next(s for s in site_search.sources() if s.key == "core-organisation")
    monkeypatch.setattr(site_search, "PROBE_WINDOW", 10)
    monkeypatch.setattr(site_search, "MAX_WINDOW", 40)
    calls = []
    scored = site_search._scored_rows

    def counting(backend, compiler_class, source, queryset, *args, **kwargs):
        calls.append(queryset.count())
        return scored(backend, compiler_class, source, queryset, *args, **kwargs)

    site_search._window_hints.clear()
    size = {"estimate": -1.0}  # PostgreSQL's estimate of the table's rows: unknown, so windows are tried
    monkeypatch.setattr(site_search, "_estimated_rows", lambda model: size["estimate"])

    backend, compiler_class = site_search._backend_and_compiler()
    cases = [
        ("vodovodni", 5, 1),  # in every row: the probe window holds enough
        ("kanalizacioni", 5, 2),  # in every third: a wider window, chosen by the density the probe found
        ("atmosferski", 5, 2),  # in two rows: after the probe, the GIN index
        ("kanalizacioni", 30, 2),  # fewer matches than wanted: after the probe, the GIN index
    ]
    for word, limit, expected_calls in cases:
        site_search._window_hints.clear()
        terms = site_search.query_terms(word)
        query = site_search._classes()(terms, "and")
        with site_search._serial_plans():
            everything = scored(backend, compiler_class, source, source.queryset(), query, "and", limit)
            calls.clear()
            monkeypatch.setattr(site_search, "_scored_rows", counting)
            windowed, _many = site_search._candidate_rows(
                backend, compiler_class, source, source.queryset(), terms, "and", limit
            )
            monkeypatch.setattr(site_search, "_scored_rows", scored)
        assert [(r.pk, r.score) for r in windowed] == [(r.pk, r.score) for r in everything], word
        assert len(windowed) == min(limit, {"vodovodni": 60, "kanalizacioni": 20, "atmosferski": 2}[word])
        assert len(calls) == expected_calls, (word, limit, calls)

        # The same query again starts where the last one ended: one query.
        if expected_calls == 2 and word == "kanalizacioni" and limit == 5:
            calls.clear()
            monkeypatch.setattr(site_search, "_scored_rows", counting)
            with site_search._serial_plans():
                again, _many = site_search._candidate_rows(
                    backend, compiler_class, source, source.queryset(), terms, "and", limit
                )
            monkeypatch.setattr(site_search, "_scored_rows", scored)
            assert [r.pk for r in again] == [r.pk for r in everything] and len(calls) == 1

    # A table PostgreSQL estimates smaller than the window is walked whole, in one query, exactly.
    size["estimate"] = 3.0
    site_search._window_hints.clear()
    terms = site_search.query_terms("atmosferski")
    query = site_search._classes()(terms, "and")
    calls.clear()
    monkeypatch.setattr(site_search, "_scored_rows", counting)
    with site_search._serial_plans():
        walked, _many = site_search._candidate_rows(backend, compiler_class, source, source.queryset(), terms, "and", 5)
    monkeypatch.setattr(site_search, "_scored_rows", scored)
    assert len(walked) == 2 and len(calls) == 1


@pytest.mark.django_db
def test_small_page_types_searched_together_give_what_each_alone_gives(home_page, monkeypatch):
    from django.db import connection
    from django.utils.text import slugify

    from infocentar.portal.models import ContactPage, LandingPage

    if connection.vendor != "postgresql":
        pytest.skip("page types are searched together on PostgreSQL only")
    for n in range(3):
        home_page.add_child(
            instance=LandingPage(title=f"Vodovodna mreža {n}", slug=f"vodovod-{n}")
        ).save_revision().publish()
    contact = home_page.add_child(
        instance=ContactPage(title="Kontakt vodovodne službe", slug=slugify("kontakt vodovod"))
    )
    contact.save_revision().publish()
    hidden = home_page.add_child(instance=LandingPage(title="Vodovodni nacrt", slug="vodovod-nacrt", live=False))
    _page(home_page, "Vodovodni radovi")

    def found(estimate):
        monkeypatch.setattr(site_search, "_estimated_rows", lambda model: estimate)
        site_search._window_hints.clear()
        outcome = site_search.run("vodovod")
        return sorted((hit.source.key, hit.pk, hit.title, hit.year) for hit in outcome.hits)

    calls = []
    group = site_search._small_page_rows

    def counting(*args, **kwargs):
        result = group(*args, **kwargs)
        calls.append(sorted(result))
        return result

    monkeypatch.setattr(site_search, "_small_page_rows", counting)
    alone = found(-1.0)  # unknown sizes: every source on its own
    together = found(1.0)  # every page type small: searched together
    assert together == alone
    assert calls[0] == [] and {"portal-landingpage", "portal-contactpage", "portal-homepage"} <= set(calls[1])
    assert {key for key, *_ in together} == {"portal-landingpage", "portal-contactpage", "portal-standardpage"}
    assert hidden.pk not in {pk for _key, pk, *_ in together}
