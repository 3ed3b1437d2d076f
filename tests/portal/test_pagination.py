"""components/pagination.html: a window of page numbers, accessible, cheap for thousands of pages."""

from __future__ import annotations

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from infocentar.portal.templatetags.portal_tags import pagination_numbers


def render(rf, page_obj, path="/vijesti/?organ=vik&page=1") -> str:
    return render_to_string("components/pagination.html", {"page_obj": page_obj}, request=rf.get(path))


def numbers_shown(html: str) -> list[str]:
    """The page numbers and ellipses in order, as the reader sees them."""
    items = re.findall(r'<li class="pagination__(item|ellipsis)"[^>]*>(?:<a[^>]*>(\d+)</a>|…)</li>', html)
    return [number or "…" for _kind, number in items]


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 10, [1, 2, 3, None, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 10, [1, None, 4, 5, 6, 7, 8, 9, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (2500, 5000, [1, None, 2498, 2499, 2500, 2501, 2502, None, 5000]),
        (0, 7, [1, 2, 3, None, 7]),
        (99, 7, [1, None, 5, 6, 7]),
        (1, 0, []),
    ],
)
def test_the_window_is_the_first_the_last_and_two_either_side(current, last, expected):
    assert pagination_numbers(current, last) == expected


def test_a_gap_of_one_page_shows_the_page_not_an_ellipsis():
    assert pagination_numbers(5, 9) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert None not in pagination_numbers(4, 7)


def test_five_thousand_pages_render_a_handful_of_links(rf):
    page_obj = Paginator(range(100_000), 20).get_page(2500)
    assert page_obj.paginator.num_pages == 5000
    html = render(rf, page_obj)
    assert numbers_shown(html) == ["1", "…", "2498", "2499", "2500", "2501", "2502", "…", "5000"]
    assert html.count("<a ") == 9  # seven numbers, previous and next


def test_the_window_does_not_walk_the_page_range(rf):
    """The component reads only the current number and the count: page_range is never iterated."""

    class NoRange(Paginator):
        @property
        def page_range(self):
            raise AssertionError("the component must not list every page")

    html = render(rf, NoRange(range(1000), 10).get_page(50))
    assert numbers_shown(html) == ["1", "…", "48", "49", "50", "51", "52", "…", "100"]


def test_it_is_a_labelled_navigation_with_the_current_page_marked(rf):
    html = render(rf, Paginator(range(200), 20).get_page(3))
    assert re.search(r'<nav class="pagination" aria-label="[^"]+">', html)
    current = re.findall(r"<a [^>]*aria-current=\"page\"[^>]*>(\d+)</a>", html)
    assert current == ["3"]
    # Every number has a name that says it is a page, and contains the number shown (WCAG 2.5.3).
    for label, number in re.findall(r'<a [^>]*aria-label="([^"]+)"[^>]*>(\d+)</a>', html):
        assert number in label and label != number
    # Ellipses are not read out as content.
    assert all('aria-hidden="true"' in li for li in re.findall(r'<li class="pagination__ellipsis"[^>]*>', html))
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_the_links_keep_the_filters_and_change_only_the_page(rf):
    html = render(rf, Paginator(range(200), 20).get_page(3), path="/vijesti/?organ=vik&godina=2026&page=3")
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert "?organ=vik&amp;godina=2026&amp;page=10" in hrefs
    assert "?organ=vik&amp;godina=2026&amp;page=2" in hrefs


def test_no_navigation_for_a_single_page(rf):
    assert render(rf, Paginator(range(5), 20).get_page(1)).strip() == ""


def test_first_and_last_pages_have_no_previous_or_next(rf):
    first = render(rf, Paginator(range(100), 10).get_page(1))
    last = render(rf, Paginator(range(100), 10).get_page(10))
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last
