"""Issue 4, "done when", as one walk in a real browser.

The Assembly service imports a Word draft in the back office and checks the preview; the conducting body's
moderator opens a public debate on it. A citizen signs up, verifies the address from the e-mail and signs
in, then comments on article 3 from the Cyrillic page with the keyboard only. The moderator publishes and
answers the comment; the debate closes by itself (the periodic job); the report is drafted, edited and
published as a page and a PDF, and the answer shows on the debate's page. The act is adopted and published
in the Official Gazette, and its public page compares the draft with the adopted text. axe-core checks
every public page on the way.
"""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from playwright.sync_api import expect

from infocentar.core.script import to_cyrillic
from tests.accounts.conftest import link_in, totp_code
from tests.acts.test_akn import assert_valid
from tests.browser.test_consultations_browser import _tab_to
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ASSEMBLY_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MODERATOR_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
CITIZEN_EMAIL = "milena.vujovic@example.me"
CITIZEN_PASSWORD = "Lovcen-Durmitor-2026"
ACT_TITLE = "Odluka o komunalnom redu"
COMMENT = "Тротоари у Његошевој улици морају се чистити и зими, прије седам часова."
QUOTE = "Јавне површине одржавају се редовно."
REASONING = "Prihvaćeno: član 3 sada propisuje čišćenje trotoara i zimi, do sedam časova."
CONCLUSION = "Primjedba o zimskom održavanju trotoara unesena je u prijedlog odluke."

DRAFT = [
    "Na osnovu člana 38 Zakona o lokalnoj samoupravi, Skupština opštine Primjer donijela je",
    "ODLUKU O KOMUNALNOM REDU",
    "I OSNOVNE ODREDBE",
    "Predmet",
    "Član 1",
    "Ovom odlukom uređuje se komunalni red na teritoriji opštine.",
    "Pojmovi",
    "Član 2",
    "Pojedini izrazi u ovoj odluci imaju sljedeće značenje.",
    "II JAVNE POVRŠINE",
    "Javne površine",
    "Član 3",
    "Javne površine održavaju se redovno.",
    "Nadzor",
    "Član 4",
    "Nadzor vrši komunalana policija.",  # misread in the file: corrected in the preview
]
ADOPTED = [
    *DRAFT[:8],
    "Izrazi u ovoj odluci imaju sljedeće značenje.",
    *DRAFT[9:12],
    "Javne površine održavaju se redovno; trotoari se čiste i zimi, do sedam časova.",
    "Nadzor",
    "Član 4",
    "Nadzor vrši komunalna policija.",
    "Kazne",
    "Član 5",
    "Novčanom kaznom od 100 do 1.000 eura kazniće se pravno lice koje ne čisti trotoar.",
]


def cnr(text: str) -> str:
    """`text` as the Montenegrin (Latin) interface shows it."""
    with translation.override("cnr"):
        return translation.gettext(text)


def fresh_totp_code(secret: str) -> str:
    # A code near the end of its 30-second window may expire on the way; wait for the next.
    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.2)
    return totp_code(secret)


def staff_sign_in(page, base: str, email: str, secret: str) -> None:
    """Staff sign in as the guides say: the address, the password, then the code from the app."""
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/nalog/login/"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.account-form--login button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/nalog/2fa/authenticate/$"))
    page.locator("#id_code").fill(fresh_totp_code(secret))
    page.locator("form.account-form--mfa button[type=submit]").first.click()
    expect(page).to_have_url(f"{base}/admin/")


def save_admin_form(page) -> None:
    """The back office form's main button ("Save" / "Create")."""
    page.locator("#w-editor-form footer button[type=submit]").first.click()


def fill_date(page, selector: str, value: str) -> None:
    """Type a date into a back-office date field and close its calendar (it would cover the buttons)."""
    page.locator(selector).fill(value)
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)  # the calendar opens a moment after the field gets the focus
    page.locator("#id_title").focus()  # a plain text field: leaving the date field closes its calendar
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)


def header_action(page, href: str) -> None:
    """An action of the header's "more" menu of a back-office edit screen (open the menu, follow the link)."""
    link = page.locator(f'a[href="{href}"]').first
    if not link.is_visible():
        page.locator("header [data-w-dropdown-target='toggle'], header .w-dropdown__toggle").first.click()
    link.click()


def docx_file(tmp_path, name: str, paragraphs: list[str]):
    """A real .docx on disk, as staff would pick it (python-docx is not a dependency; the app's writer is)."""
    from infocentar.acts.docx import build_docx

    path = tmp_path / name
    path.write_bytes(build_docx(paragraphs))
    return path


@pytest.fixture
def people(live_site):
    """The Assembly (its service keeps its acts) and the secretariat that conducts the debate (its moderator),
    both with an authenticator app set up."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.cache import cache

    from infocentar.accounts.services import ensure_verified_email
    from infocentar.core import services as core_services
    from infocentar.core.models import OrganisationKind, Role
    from tests.factories import OrganisationFactory, UserFactory

    cache.clear()
    assembly = OrganisationFactory(name="Skupština opštine", slug="skupstina", kind=OrganisationKind.ORGAN)
    secretariat = OrganisationFactory(name="Sekretarijat za komunalne djelatnosti", slug="sekretarijat-komunalno")
    service = UserFactory(username="skupstinska-sluzba", email="sluzba@skupstina.me", first_name="Vesna")
    core_services.add_membership(service, assembly, Role.ASSEMBLY_SERVICE)
    moderator = UserFactory(username="moderatorka", email="moderatorka@sekretarijat.me", first_name="Dragana")
    core_services.add_membership(moderator, secretariat, Role.MODERATOR)
    for user, secret in ((service, ASSEMBLY_SECRET), (moderator, MODERATOR_SECRET)):
        ensure_verified_email(user)
        TOTP.activate(user, secret)
    yield live_site, assembly, secretariat, service, moderator
    cache.clear()


@pytest.fixture
def staff_pages(browser, browser_context_args):
    """Two more browser windows of their own (cookies apart): the Assembly service's and the moderator's."""
    contexts = [browser.new_context(**browser_context_args) for _ in range(2)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def test_issue_4_from_the_word_draft_to_the_adopted_act(page, staff_pages, people, axe, tmp_path):
    from infocentar.acts.models import Act, ActStatus, VersionKind
    from infocentar.consultations.models import Comment, CommentStatus, Consultation, ConsultationStatus, Report

    site, assembly, secretariat, service, moderator = people
    base = site.url
    assembly_page, moderator_page = staff_pages

    # --- 1. The Assembly service creates the act and imports its draft from Word. -----------------------------
    staff_sign_in(assembly_page, base, service.email, ASSEMBLY_SECRET)
    assembly_page.goto(f"{base}/admin/acts/new/")
    assembly_page.locator("#id_type").select_option("decision")
    assembly_page.locator("#id_title").fill(ACT_TITLE)
    assembly_page.locator("#id_issuer").select_option(str(assembly.pk))
    assembly_page.locator("#id_area").fill("Komunalne djelatnosti")
    fill_date(assembly_page, "#id_drafted_on", timezone.localdate().isoformat())
    save_admin_form(assembly_page)
    expect(assembly_page.locator(".messages .success")).to_be_visible()
    act = Act.objects.get(title=ACT_TITLE)
    assert act.issuer == assembly and act.status == ActStatus.DRAFT

    # Import: the menu item, the act, the version's name and kind, the file.
    assembly_page.goto(f"{base}/admin/")
    assembly_page.locator('a[href="/admin/acts-import/"]').first.click()
    expect(assembly_page).to_have_url(f"{base}/admin/acts-import/")
    assembly_page.locator("#id_act").select_option(str(act.pk))
    assembly_page.locator("#id_label").fill("Nacrt za javnu raspravu")
    assembly_page.locator("#id_kind").select_option(VersionKind.DRAFT)
    assembly_page.locator("#id_file").set_input_files(docx_file(tmp_path, "nacrt-odluke.docx", DRAFT))
    assembly_page.locator("main form button[type=submit]").click()

    # The preview: four articles in two chapters, nothing saved yet; the misread word is corrected.
    rows = assembly_page.locator("table.listing tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(2)).to_contain_text("II JAVNE POVRŠINE")
    expect(rows.nth(2)).to_contain_text("Javne površine")
    expect(rows.nth(3)).to_contain_text("komunalana")
    assert not act.versions.exists()
    text = assembly_page.locator("#id_text")
    text.fill(text.input_value().replace("komunalana", "komunalna"))
    assembly_page.locator("button[name=action][value=check]").click()
    expect(rows.nth(3)).to_contain_text("komunalna policija")
    assert not act.versions.exists()
    assembly_page.locator("button[name=action][value=save]").click()
    expect(assembly_page).to_have_url(re.compile(r"/admin/act-versions/inspect/\d+/$"))
    expect(assembly_page.locator(".messages .success")).to_be_visible()
    draft = act.versions.get()
    assert draft.kind == VersionKind.DRAFT and draft.source_name == "nacrt-odluke.docx"
    assert [a.number for a in draft.articles.order_by("position")] == ["1", "2", "3", "4"]
    assert draft.articles.get(number="4").text == "Nadzor vrši komunalna policija."
    assert "ODLUKU O KOMUNALNOM REDU" in draft.preamble

    # --- The secretariat's moderator creates the debate on the draft and opens it. ------------------------------
    staff_sign_in(moderator_page, base, moderator.email, MODERATOR_SECRET)
    moderator_page.goto(f"{base}/admin/consultations/new/")
    moderator_page.locator("#id_act_version").select_option(str(draft.pk))
    moderator_page.locator("#id_organisation").select_option(str(secretariat.pk))
    start = timezone.localtime() + datetime.timedelta(days=1)
    fill_date(moderator_page, "#id_starts_at", start.strftime("%Y-%m-%d %H:%M"))
    moderator_page.locator("#id_decision").fill("Zaključak Predsjednika opštine br. 01-016/26-112")
    moderator_page.locator("#id_how_to_participate").fill("Komentare ostavite na ovoj stranici, uz svaki član.")
    moderator_page.locator("#id_moderation").select_option("pre")
    save_admin_form(moderator_page)
    expect(moderator_page.locator(".messages .success")).to_be_visible()
    debate = Consultation.objects.get(act_version=draft)
    assert debate.status == ConsultationStatus.PLANNED and debate.title == ACT_TITLE
    assert (debate.ends_at - debate.starts_at).days == 15
    moderator_page.goto(f"{base}/admin/consultations/edit/{debate.pk}/")
    header_action(moderator_page, f"/admin/consultations-admin/{debate.pk}/open/")
    moderator_page.locator("main form button[type=submit]").click()
    expect(moderator_page.locator(".messages .success")).to_be_visible()
    debate.refresh_from_db()
    act.refresh_from_db()
    assert debate.status == ConsultationStatus.OPEN
    assert act.status == ActStatus.PUBLIC_DEBATE

    # --- 2. A citizen signs up, verifies the address from the e-mail and signs in. ----------------------------
    page.goto(f"{base}/javne-rasprave/")
    expect(page.get_by_role("link", name=ACT_TITLE)).to_be_visible()
    axe(page)
    page.goto(f"{base}/nalog/signup/")
    axe(page)
    page.locator("#id_email").fill(CITIZEN_EMAIL)
    page.locator("#id_password1").fill(CITIZEN_PASSWORD)
    page.locator("#id_password2").fill(CITIZEN_PASSWORD)
    page.locator("form.account-form--signup button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/nalog/confirm-email/$"))
    axe(page)
    [message] = [m for m in mail.outbox if m.to == [CITIZEN_EMAIL]]
    link = link_in(message.body, "/confirm-email/")
    assert link.startswith(base)
    page.goto(link)
    axe(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/nalog/login/"))
    axe(page)
    page.locator("#id_login").fill(CITIZEN_EMAIL)
    page.locator("#id_password").fill(CITIZEN_PASSWORD)
    page.locator("form.account-form--login button[type=submit]").first.click()
    expect(page).to_have_url(f"{base}/")

    # --- 3. On the Cyrillic page, a comment on article 3 with the keyboard only. ------------------------------
    page.goto(f"{base}/cir/javne-rasprave/{debate.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "cnr-Cyrl")
    expect(page.locator("h1")).to_have_text(to_cyrillic(ACT_TITLE))
    axe(page)
    article = draft.articles.get(number="3")
    _tab_to(page, "#clan-3 summary")
    page.keyboard.press("Enter")
    expect(page.locator(f"#c-{article.pk}-text")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(f"#c-{article.pk}-text")).to_be_focused()
    page.keyboard.type(COMMENT)
    page.keyboard.press("Tab")
    expect(page.locator(f"#c-{article.pk}-quote")).to_be_focused()
    page.keyboard.type(QUOTE)
    page.keyboard.press("Tab")
    expect(page.locator("#clan-3 button[type=submit]")).to_be_focused()
    axe(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cir/javne-rasprave/{debate.pk}/#komentar-*")
    confirmation = to_cyrillic(
        cnr("Thank you. Your comment has been received and will appear once a moderator approves it.")
    )
    expect(page.locator(".messages")).to_contain_text(confirmation)
    axe(page)
    comment = Comment.objects.get(consultation=debate)
    assert (comment.text, comment.quote, comment.article_id) == (COMMENT, QUOTE, article.pk)
    assert comment.status == CommentStatus.PENDING and comment.author.email == CITIZEN_EMAIL

    # --- 4. The moderator publishes the comment and answers it. ----------------------------------------------
    moderator_page.goto(f"{base}/admin/")
    moderator_page.locator('a[href="/admin/consultations-admin/moderation/"]').first.click()
    queue_row = moderator_page.locator("table.listing tbody tr").filter(has_text=COMMENT)
    expect(queue_row).to_have_count(1)
    moderator_page.locator(f"#mod-{comment.pk}").check()
    moderator_page.locator("#id_action").select_option("publish")
    moderator_page.locator("main form fieldset button[type=submit]").click()
    expect(moderator_page.locator(".messages .success")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    moderator_page.goto(f"{base}/admin/consultations-admin/moderation/?status=all&consultation={debate.pk}")
    moderator_page.locator(f'a[href="/admin/consultation-answers/new/?comment={comment.pk}"]').click()
    expect(moderator_page.locator("#id_comment")).to_have_value(str(comment.pk))
    moderator_page.locator("#id_outcome").select_option("accepted")
    moderator_page.locator("#id_reasoning").fill(REASONING)
    save_admin_form(moderator_page)
    expect(moderator_page.locator(".messages .success")).to_be_visible()
    assert comment.answer.reasoning == REASONING and comment.answer.published_at is None

    # The comment is on the page; its answer is published with the report (docs/guides/consultations.md).
    page.goto(f"{base}/javne-rasprave/{debate.pk}/")
    shown = page.locator(f"#komentar-{comment.pk}")
    expect(shown).to_contain_text(COMMENT)
    expect(shown.locator(".comment__answer")).to_have_count(0)
    axe(page)

    # --- 5. The debate closes by itself when its end has passed. ---------------------------------------------
    Consultation.objects.filter(pk=debate.pk).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("run_periodic", "consultations.open_close", "--force")
    debate.refresh_from_db()
    assert debate.status == ConsultationStatus.CLOSED and debate.closed_at is not None
    page.goto(f"{base}/javne-rasprave/{debate.pk}/")
    expect(page.locator(".consultation__countdown")).to_have_text(cnr("The debate is closed."))
    expect(page.locator(f"#c-{article.pk}-text")).to_have_count(0)
    axe(page)
    page.goto(f"{base}/cir/javne-rasprave/{debate.pk}/")
    expect(page.locator(".consultation__countdown")).to_have_text(to_cyrillic(cnr("The debate is closed.")))
    axe(page)

    # --- 6. The report: drafted from the data, edited, published as a page and a PDF. --------------------------
    moderator_page.goto(f"{base}/admin/consultations/edit/{debate.pk}/")
    header_action(moderator_page, f"/admin/consultations-admin/{debate.pk}/report/")
    moderator_page.locator("main form button[type=submit]").first.click()
    expect(moderator_page).to_have_url(re.compile(r"/admin/consultation-reports/edit/\d+/$"))
    report = Report.objects.get(consultation=debate)
    expect(moderator_page.locator("#id_introduction")).to_have_value(re.compile(re.escape(secretariat.name)))
    moderator_page.locator("#id_conclusion").fill(CONCLUSION)
    moderator_page.locator("#id_signed_by").fill("Dragana Vuković, sekretarka")
    save_admin_form(moderator_page)
    expect(moderator_page.locator(".messages .success")).to_be_visible()
    report.refresh_from_db()
    assert report.conclusion == CONCLUSION and report.published_at is None
    moderator_page.goto(f"{base}/admin/consultation-reports/edit/{report.pk}/")
    header_action(moderator_page, f"/admin/consultations-admin/report/{report.pk}/publish/")
    moderator_page.locator("main form button[type=submit]").first.click()
    expect(moderator_page.locator(".messages .success")).to_be_visible()
    debate.refresh_from_db()
    assert debate.status == ConsultationStatus.REPORT_PUBLISHED
    assert [m for m in mail.outbox if m.to == [CITIZEN_EMAIL] and REASONING in m.body], "no answer e-mail"

    page.goto(f"{base}/javne-rasprave/{debate.pk}/")
    report_section = page.locator("#izvjestaj")
    expect(report_section).to_contain_text(CONCLUSION)
    expect(report_section).to_contain_text(COMMENT)
    expect(page.locator(f"#komentar-{comment.pk} .comment__answer")).to_contain_text(REASONING)
    axe(page)
    pdf_link = report_section.get_by_role("link", name=cnr("Download the report (PDF)"))
    pdf = page.request.get(base + pdf_link.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")

    # --- 7. The Assembly adopts the act; it is published in the Official Gazette. -----------------------------
    assembly_page.goto(f"{base}/admin/acts-import/?act={act.pk}")
    expect(assembly_page.locator("#id_act")).to_have_value(str(act.pk))
    assembly_page.locator("#id_label").fill("Usvojeni tekst")
    assembly_page.locator("#id_kind").select_option(VersionKind.ADOPTED)
    assembly_page.locator("#id_file").set_input_files(docx_file(tmp_path, "usvojena-odluka.docx", ADOPTED))
    assembly_page.locator("main form button[type=submit]").click()
    expect(assembly_page.locator("table.listing tbody tr")).to_have_count(5)
    assembly_page.locator("button[name=action][value=save]").click()
    expect(assembly_page).to_have_url(re.compile(r"/admin/act-versions/inspect/\d+/$"))
    adopted = act.versions.get(kind=VersionKind.ADOPTED)

    adopted_on = timezone.localdate()
    assembly_page.goto(f"{base}/admin/acts/edit/{act.pk}/")
    assembly_page.locator("#id_number").fill("02-016/26-2481")
    assembly_page.locator("#id_status").select_option(ActStatus.ADOPTED)
    fill_date(assembly_page, "#id_adopted_on", adopted_on.isoformat())
    save_admin_form(assembly_page)
    expect(assembly_page.locator(".messages .success")).to_be_visible()
    assembly_page.goto(f"{base}/admin/acts/edit/{act.pk}/")
    assembly_page.locator("#id_status").select_option(ActStatus.PUBLISHED)
    assembly_page.locator("#id_gazette_issue").fill("14/2026")
    fill_date(assembly_page, "#id_gazette_date", adopted_on.isoformat())
    assembly_page.locator("#id_gazette_registry_number").fill("041/26")
    save_admin_form(assembly_page)
    expect(assembly_page.locator(".messages .success")).to_be_visible()
    act.refresh_from_db()
    assert act.status == ActStatus.PUBLISHED and act.gazette_issue == "14/2026"
    assert act.published_on == adopted_on and act.entry_into_force == adopted_on + datetime.timedelta(days=8)

    # --- The act's public page: the gazette, the debate, and the draft compared with the adopted text. ---------
    page.goto(f"{base}{act.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(ACT_TITLE)
    expect(page.locator("main")).to_contain_text("14/2026")
    expect(page.locator("main")).to_contain_text(adopted_on.strftime("%d.%m.%Y."))
    axe(page)
    expect(page.locator("#compare-old")).to_have_value(str(draft.pk))
    expect(page.locator("#compare-new")).to_have_value(str(adopted.pk))
    page.locator(".act-compare-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/akti/{act.pk}/uporedi/\?od={draft.pk}&do={adopted.pk}"))
    expect(page.locator("main ins").filter(has_text="trotoari")).to_have_count(1)
    expect(page.locator("main ins").filter(has_text="kazniće")).not_to_have_count(0)
    expect(page.locator("main del").filter(has_text="Pojedini")).to_have_count(1)
    axe(page)
    page.goto(f"{base}/cir{act.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(to_cyrillic(ACT_TITLE))
    axe(page)

    # --- The act in Akoma Ntoso, with its gazette data and adopted text, valid against the schema. -------------
    akn = page.request.get(f"{base}{act.get_akn_url()}")
    assert akn.ok and akn.headers["content-type"].startswith("application/")
    assert "14/2026" in akn.text() and "trotoari" in akn.text()
    assert_valid(akn.body())
