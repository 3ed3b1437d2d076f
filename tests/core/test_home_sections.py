"""The home page's registration mechanism for sections other apps fill."""

from __future__ import annotations

import pytest

from infocentar.core import home

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    saved = dict(home._sections)
    yield home
    home._sections.clear()
    home._sections.update(saved)


def test_sections_render_in_order_and_empty_ones_are_hidden(client, home_page, registry, tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    (tmp_path / "section.html").write_text('<section id="{{ section_key }}">{{ text }}</section>')

    registry.register_section(key="second", order=20, template="section.html")(lambda r, o: {"text": "Drugi"})
    registry.register_section(key="first", order=10, template="section.html")(lambda r, o: {"text": "Prvi"})
    registry.register_section(key="empty", order=5, template="section.html")(lambda r, o: None)

    content = client.get("/").content.decode()
    assert '<section id="first">Prvi</section>' in content
    assert content.index('id="first"') < content.index('id="second"')
    assert 'id="empty"' not in content


def test_organisation_slot_gets_the_organisation(client, home_page, org_a, registry, tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    (tmp_path / "org.html").write_text("<p id=org-section>{{ name }}</p>")
    registry.register_section(slot="organisation", key="x", order=1, template="org.html")(
        lambda request, obj: {"name": obj.short_name}
    )
    content = client.get(f"/organi/{org_a.slug}/").content.decode()
    assert f"<p id=org-section>{org_a.short_name}</p>" in content


def test_unknown_slot_is_refused(registry):
    with pytest.raises(ValueError, match="Unknown slot"):
        registry.register_section(slot="sidebar", key="x", order=1, template="x.html")
