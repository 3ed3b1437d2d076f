"""Back office for organisations and memberships: scoping, audit, import."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from infocentar.core.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_staff_without_mfa_is_sent_to_set_it_up(client, it_contact_a):
    client.force_login(it_contact_a)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert reverse("mfa_activate_totp") in response["Location"]


def test_it_contact_lists_only_own_organisations(mfa_client, it_contact_a, org_a, org_a_child, org_b):
    client = mfa_client(it_contact_a)
    response = client.get(reverse("organisations:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert org_a.name in content
    assert org_a_child.name in content
    assert org_b.name not in content


def test_it_contact_cannot_open_another_organisation(mfa_client, it_contact_a, org_b):
    client = mfa_client(it_contact_a)
    assert client.get(reverse("organisations:inspect", args=[org_b.pk])).status_code == 404


def test_export_is_scoped_too(mfa_client, it_contact_a, org_a, org_b):
    client = mfa_client(it_contact_a)
    response = client.get(reverse("organisations:index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert org_a.name in body
    assert org_b.name not in body


def test_admin_edit_is_audited_with_before_and_after(mfa_client, ic_admin, org_a):
    client = mfa_client(ic_admin)
    url = reverse("organisations:edit", args=[org_a.pk])
    form = client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update({"phone": "+382 33 123 456", "is_active": "on", "kind": org_a.kind})
    data.pop("is_information_center", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    org_a.refresh_from_db()
    assert org_a.phone == "+382 33 123 456"
    entry = ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(org_a.pk)).latest("timestamp")
    assert entry.user == ic_admin
    assert entry.data["changes"]["phone"] == ["", "+382 33 123 456"]
    assert entry.data["organisation_id"] == org_a.pk


def test_membership_created_in_admin_grants_role_group(mfa_client, ic_admin, org_b, outsider):
    client = mfa_client(ic_admin)
    response = client.post(
        reverse("memberships:add"),
        {"user": outsider.pk, "organisation": org_b.pk, "role": "editor", "job_title": "Urednica", "is_active": "on"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=outsider, organisation=org_b, role="editor").exists()
    assert outsider.groups.filter(name="Website editors").exists()
    assert ModelLogEntry.objects.filter(action="wagtail.create", content_type__model="membership").exists()


def test_it_contact_cannot_create_membership_in_another_organisation(mfa_client, it_contact_a, org_b, outsider):
    client = mfa_client(it_contact_a)
    response = client.post(
        reverse("memberships:add"), {"user": outsider.pk, "organisation": org_b.pk, "role": "ic_admin"}
    )
    assert response.status_code in (302, 403)
    assert not Membership.objects.filter(user=outsider).exists()


def test_audit_log_is_scoped_to_organisation(mfa_client, ic_admin, it_contact_a, org_a, org_b):
    from infocentar.core import services

    org_b.phone = "020 111 222"
    services.save_organisation(org_b, by=ic_admin)
    org_a.phone = "020 333 444"
    services.save_organisation(org_a, by=ic_admin)
    client = mfa_client(it_contact_a)
    response = client.get(reverse("infocentar_audit_log"))
    assert response.status_code == 200
    content = response.content.decode()
    assert org_a.name in content.split('class="listing', 1)[1]
    assert org_b.name not in content


def test_audit_log_filters_by_organisation(mfa_client, ic_admin, org_a, org_b):
    from infocentar.core import services

    services.save_organisation(org_a, by=ic_admin)
    services.save_organisation(org_b, by=ic_admin)
    client = mfa_client(ic_admin)
    response = client.get(reverse("infocentar_audit_log") + f"?organisation={org_b.pk}")
    rows = response.content.decode().split('class="listing', 1)[1].split("</table>", 1)[0]
    assert org_b.name in rows
    assert org_a.name not in rows


CSV_OK = (
    "name,short_name,kind,parent,email\n"
    "Opština Primjer,OP,organ,,info@primjer.me\n"
    "Sekretarijat za finansije,SF,administration,Opština Primjer,finansije@primjer.me\n"
    "Turistička organizacija,TO,Javna ustanova,,\n"
)


def test_csv_import_dry_run_changes_nothing(ic_admin):
    from infocentar.core.services import import_organisations_csv

    result = import_organisations_csv(CSV_OK.encode(), by=ic_admin, dry_run=True)
    assert result.ok, result.errors
    assert result.created == 3
    assert not Organisation.objects.filter(name="Opština Primjer").exists()


def test_csv_import_creates_with_parents(ic_admin):
    from infocentar.core.services import import_organisations_csv

    result = import_organisations_csv(CSV_OK.encode(), by=ic_admin, dry_run=False)
    assert result.ok, result.errors
    finance = Organisation.objects.get(name="Sekretarijat za finansije")
    assert finance.parent.name == "Opština Primjer"
    assert Organisation.objects.get(name="Turistička organizacija").kind == "institution"
    again = import_organisations_csv(CSV_OK.encode(), by=ic_admin, dry_run=False)
    assert again.unchanged == 3 and again.created == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("naziv,vrsta\nX,organ\n", "Missing columns"),
        ("name,kind\nX,planet\n", "Unknown kind"),
        ("name,kind,parent\nX,organ,Nepostojeći\n", "Unknown parent"),
        ("name,kind\nX,organ\nX,organ\n", "appears twice"),
    ],
)
def test_csv_import_bad_rows_import_nothing(ic_admin, content, message):
    from django.utils import translation

    from infocentar.core.services import import_organisations_csv

    with translation.override("en"):
        result = import_organisations_csv(content.encode(), by=ic_admin, dry_run=False)
    assert not result.ok
    assert message in " ".join(m for _, m in result.errors)
    assert not Organisation.objects.filter(name="X").exists()


def test_csv_import_rejects_non_utf8(ic_admin):
    from infocentar.core.services import import_organisations_csv

    result = import_organisations_csv("name,kind\nOpština,organ\n".encode("cp1250"), by=ic_admin, dry_run=False)
    assert not result.ok


def test_import_view_checks_then_imports(mfa_client, ic_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = mfa_client(ic_admin)
    url = reverse("infocentar_import_organisations")
    response = client.post(url, {"file": SimpleUploadedFile("o.csv", CSV_OK.encode(), "text/csv")})
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Opština Primjer").exists()
    response = client.post(url, {"file": SimpleUploadedFile("o.csv", CSV_OK.encode(), "text/csv"), "confirm": "on"})
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Opština Primjer").exists()


def test_import_view_forbidden_for_it_contact(mfa_client, it_contact_a):
    client = mfa_client(it_contact_a)
    response = client.get(reverse("infocentar_import_organisations"))
    # Wagtail turns a refusal in the admin into a redirect home with a message.
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_history_views_work_for_scoped_records(mfa_client, ic_admin, org_a):
    from infocentar.core import services

    services.save_organisation(org_a, by=ic_admin)
    membership = services.add_membership(ic_admin, org_a, "editor", by=ic_admin)
    client = mfa_client(ic_admin)
    assert client.get(reverse("organisations:history", args=[org_a.pk])).status_code == 200
    assert client.get(reverse("memberships:history", args=[membership.pk])).status_code == 200
