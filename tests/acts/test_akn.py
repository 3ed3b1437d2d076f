"""Akoma Ntoso 3.0 export: valid against the OASIS schema in shared/schemas."""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path

import pytest

from infocentar.acts import services
from infocentar.acts.akn import act_to_akn

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "akomantoso30" / "akomantoso30.xsd"


@lru_cache(maxsize=1)
def _schema():
    import xmlschema

    if not SCHEMA.exists():
        pytest.fail(f"The Akoma Ntoso schema is missing: {SCHEMA}")
    return xmlschema.XMLSchema(str(SCHEMA))


def assert_valid(xml: bytes) -> None:
    schema = _schema()
    errors = list(schema.iter_errors(xml.decode("utf-8")))
    assert not errors, "\n".join(str(e) for e in errors[:3])


def test_structured_act_is_valid_akn(act_with_versions):
    act, _v1, _v2 = act_with_versions
    services.set_status(act, "adopted", on=datetime.date(2024, 5, 1))
    services.publish_in_gazette(act, issue="12/2024", on=datetime.date(2024, 5, 10), registry_number="IX-1")
    xml = act_to_akn(act)
    assert_valid(xml)
    text = xml.decode()
    assert 'eId="chp_2__art_3a"' in text
    assert "Službeni list" in text and 'number="12/2024"' in text
    assert "Novčanom kaznom" in text


def test_act_without_text_is_valid_akn(make_act, assembly):
    act = make_act(assembly, title="Rješenje o imenovanju <komisije> & ostalo")
    assert_valid(act_to_akn(act))


def test_each_version_is_valid_and_numbers_repeating_are_unique(make_act, assembly):
    act = make_act(assembly)
    version = services.create_version(
        act,
        label="Nacrt",
        articles=[services.ArticleData("1", "", "A"), services.ArticleData("1", "", "B\n\nC")],
        preamble="Na osnovu člana 38 Zakona o lokalnoj samoupravi",
    )
    assert_valid(act_to_akn(act, version=version))


def test_akn_address(client, act_with_versions):
    act, v1, _v2 = act_with_versions
    response = client.get(f"/akti/{act.pk}/akn.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/akn+xml")
    assert_valid(response.content)
    older = client.get(f"/akti/{act.pk}/akn.xml?verzija={v1.pk}")
    assert b"Nadzor vr" in older.content
    assert client.get(f"/akti/{act.pk}/akn.xml?verzija=999999").status_code == 404
