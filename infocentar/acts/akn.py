"""An act as Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against shared/schemas/akomantoso30/.

The FRBR identifiers follow the AKN naming convention:
/akn/me-<municipality>/act/<type>/<date>/<number or id>/<language>@<version date>/!main.
An act without structured text gets one `hcontainer` with its title (the
schema requires a body with at least one hierarchical element).
"""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from .models import Act, ActVersion, Article

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ET.register_namespace("", NS)

LANGUAGE = "cnr"
# Roman numerals at the start of a chapter heading: "I OSNOVNE ODREDBE", "II. NADZOR".
_CHAPTER_NUM = re.compile(r"^\s*([IVXLCDM]+)\.?\s+(.*)$")
_ID_UNSAFE = re.compile(r"[^a-z0-9]+")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k.rstrip("_"): str(v) for k, v in attrs.items() if v is not None})
    if text:
        element.text = text
    return element


def _id(value: str) -> str:
    return _ID_UNSAFE.sub("", (value or "").lower()) or "x"


def _date(value: datetime.date | None) -> str:
    return (value or timezone.localdate()).isoformat()


def _country() -> str:
    return getattr(settings, "AKN_COUNTRY", "me")


def _org_id(slug: str) -> str:
    return "org-" + (slugify(slug) or "x")


def frbr_work_uri(act: Act) -> str:
    number = slugify(act.number) if act.number else str(act.pk)
    return f"/akn/{_country()}/act/{act.type.replace('_', '-')}/{_date(act.date)}/{number or act.pk}"


def _frbr(parent, level: str, this: str, uri: str, date: str, date_name: str, author: str, language: bool):
    block = _el(parent, level)
    _el(block, "FRBRthis", value=this)
    _el(block, "FRBRuri", value=uri)
    _el(block, "FRBRdate", date=date, name=date_name)
    _el(block, "FRBRauthor", href=f"#{author}")
    if level == "FRBRWork":
        _el(block, "FRBRcountry", value=_country())
    if language:
        _el(block, "FRBRlanguage", language=LANGUAGE)
    return block


def _meta(root_act: ET.Element, act: Act, version: ActVersion | None) -> None:
    meta = _el(root_act, "meta")
    issuer_id = _org_id(act.issuer.slug)
    work = frbr_work_uri(act)
    version_date = _date(version.created_at.date() if version else act.date)
    expression = f"{work}/{LANGUAGE}@{version_date}"
    identification = _el(meta, "identification", source="#infocentar")
    _frbr(identification, "FRBRWork", f"{work}/!main", work, _date(act.date), "date", issuer_id, False)
    _frbr(identification, "FRBRExpression", f"{expression}/!main", expression, version_date, "version", issuer_id, True)
    _frbr(
        identification,
        "FRBRManifestation",
        f"{expression}/!main.xml",
        f"{expression}.akn",
        _date(timezone.localdate()),
        "generation",
        "infocentar",
        False,
    )
    if act.gazette_issue and act.gazette_date:
        _el(
            meta,
            "publication",
            date=act.gazette_date.isoformat(),
            name="sluzbeni-list-cg-opstinski-propisi",
            showAs="Službeni list Crne Gore – opštinski propisi",
            number=act.gazette_issue,
        )
    events = [
        (act.drafted_on, "draft"),
        (act.adopted_on, "adoption"),
        (act.gazette_date or act.published_on, "publication"),
        (act.entry_into_force, "entryIntoForce"),
        (act.amended_on, "amendment"),
        (act.repealed_on, "repeal"),
    ]
    events = [(d, name) for d, name in events if d]
    if events:
        lifecycle = _el(meta, "lifecycle", source="#infocentar")
        for index, (when, name) in enumerate(sorted(events, key=lambda e: e[0]), start=1):
            kind = {"amendment": "amendment", "repeal": "repeal"}.get(name, "generation")
            _el(
                lifecycle, "eventRef", date=when.isoformat(), source="#infocentar", type=kind, eId=f"evt_{index}_{name}"
            )
    references = _el(meta, "references", source="#infocentar")
    _el(
        references,
        "TLCOrganization",
        eId="infocentar",
        href="/ontology/organization/me/infocentar",
        showAs="Infocentar",
    )
    _el(
        references,
        "TLCOrganization",
        eId=issuer_id,
        href=f"/ontology/organization/{_country()}/{slugify(act.issuer.slug) or 'x'}",
        showAs=act.issuer.name,
    )


def _paragraphs(parent: ET.Element, article: Article, eid: str) -> None:
    paragraphs = article.paragraphs or [""]
    if len(paragraphs) == 1:
        content = _el(parent, "content")
        _el(content, "p", paragraphs[0])
        return
    for index, text in enumerate(paragraphs, start=1):
        paragraph = _el(parent, "paragraph", eId=f"{eid}__para_{index}")
        _el(paragraph, "num", f"({index})")
        content = _el(paragraph, "content")
        _el(content, "p", text)


def _article(parent: ET.Element, article: Article, prefix: str, seen: set[str]) -> None:
    eid = f"{prefix}art_{_id(article.number)}"
    while eid in seen:  # a misnumbered text may repeat a number
        eid += "_dup"
    seen.add(eid)
    element = _el(parent, "article", eId=eid)
    _el(element, "num", f"Član {article.number}")
    if article.heading:
        _el(element, "heading", article.heading)
    _paragraphs(element, article, eid)


def _body(root_act: ET.Element, act: Act, version: ActVersion | None) -> None:
    articles = list(version.articles.all()) if version else []
    if version and version.preamble:
        preamble = _el(root_act, "preamble")
        for text in [p for p in re.split(r"\n\s*\n", version.preamble) if p.strip()]:
            _el(preamble, "p", text.strip())
    body = _el(root_act, "body")
    if not articles:
        container = _el(body, "hcontainer", name="text", eId="hcontainer_1")
        content = _el(container, "content")
        _el(content, "p", act.summary or act.title)
        return
    seen: set[str] = set()
    chapter_element = None
    current_chapter = None
    chapter_count = 0
    for article in articles:
        if article.chapter != current_chapter:
            current_chapter = article.chapter
            if current_chapter:
                chapter_count += 1
                chapter_element = _el(body, "chapter", eId=f"chp_{chapter_count}")
                match = _CHAPTER_NUM.match(current_chapter)
                if match:
                    _el(chapter_element, "num", match.group(1))
                    if match.group(2).strip():
                        _el(chapter_element, "heading", match.group(2).strip())
                else:
                    _el(chapter_element, "heading", current_chapter)
            else:
                chapter_element = None
        if chapter_element is not None:
            _article(chapter_element, article, f"chp_{chapter_count}__", seen)
        else:
            _article(body, article, "", seen)


def act_to_akn(act: Act, *, version: ActVersion | None = None, request=None) -> bytes:
    """The act (its latest version's text unless `version`) as Akoma Ntoso 3.0 XML bytes."""
    if version is None:
        version = act.latest_version()
    root = ET.Element(_q("akomaNtoso"))
    act_element = _el(root, "act", name=act.type.replace("_", "-"), contains="originalVersion")
    _meta(act_element, act, version)
    preface = _el(act_element, "preface")
    title = _el(preface, "p", **{"class": "title"})
    _el(title, "docTitle", act.title)
    if act.number:
        number = _el(preface, "p", **{"class": "number"})
        _el(number, "docNumber", act.number)
    _body(act_element, act, version)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
