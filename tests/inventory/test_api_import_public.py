"""The token API, the import (admin and command line) and the public addresses /oprema/…"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from infocentar.inventory import importing, services
from infocentar.inventory.models import ApiToken, Asset, ImportRun, Licence

pytestmark = pytest.mark.django_db

API = "/api/v1/inventory/assets"


@pytest.fixture
def token_a(org_a):
    return ApiToken.create(organisation=org_a, name="Skripta", scopes=["inventory:read", "inventory:write"])[1]


def _auth(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# --- API --------------------------------------------------------------------------------------------------------------


def test_api_lists_only_the_tokens_organisation(client, assets, token_a):
    response = client.get(API, **_auth(token_a))
    assert response.status_code == 200
    tags = [item["asset_tag"] for item in response.json()["items"]]
    assert tags == ["VIK-0001"]
    assert client.get(f"{API}/CZK-0001", **_auth(token_a)).status_code == 404
    assert client.get(f"{API}/VIK-0001", **_auth(token_a)).json()["model"] == "OptiPlex Vodovod"


def test_api_refuses_missing_revoked_and_out_of_scope_tokens(client, assets, org_a, token_a):
    assert client.get(API).status_code == 401
    assert client.get(API, **_auth("ict_wrong")).status_code == 401
    _token, read_only = ApiToken.create(organisation=org_a, name="Samo čitanje", scopes=["inventory:read"])
    assert client.get(API, **_auth(read_only)).status_code == 200
    body = {"asset_tag": "VIK-0100", "asset_type": "desktop"}
    assert client.put(API, json.dumps(body), content_type="application/json", **_auth(read_only)).status_code == 401
    services.revoke_token(ApiToken.objects.get(name="Skripta"), by=None)
    assert client.get(API, **_auth(token_a)).status_code == 401


def test_api_upsert_creates_then_updates_and_records_history(client, assets, token_a, org_a):
    body = {
        "asset_tag": "VIK-0100",
        "asset_type": "laptop",
        "manufacturer": "Lenovo",
        "model": "ThinkPad",
        "serial": "PF-1",
        "hostname": "vik-lap-1",
    }
    response = client.put(API, json.dumps(body), content_type="application/json", **_auth(token_a))
    assert response.status_code == 201, response.content
    asset = Asset.objects.get(asset_tag="VIK-0100")
    assert asset.organisation == org_a and asset.status == "in_use"
    body["os_version"] = "23H2"
    body["room"] = "5"
    response = client.put(API, json.dumps(body), content_type="application/json", **_auth(token_a))
    assert response.status_code == 200 and response.json()["created"] is False
    asset.refresh_from_db()
    assert asset.os_version == "23H2" and asset.version == 2
    assert asset.events.filter(kind="moved").exists()
    assert ApiToken.objects.get(name="Skripta").last_used_at is not None


def test_api_upsert_refuses_other_organisations_tags_and_serials_without_details(client, assets, token_a):
    body = {"asset_tag": "CZK-0001", "asset_type": "desktop"}
    response = client.put(API, json.dumps(body), content_type="application/json", **_auth(token_a))
    assert response.status_code == 409
    assert "Kultura" not in response.content.decode()
    body = {"asset_tag": "VIK-0200", "asset_type": "desktop", "manufacturer": "HP", "serial": assets["b"].serial}
    response = client.put(API, json.dumps(body), content_type="application/json", **_auth(token_a))
    assert response.status_code == 409
    assert not Asset.objects.filter(asset_tag="VIK-0200").exists()


def test_api_bad_input_is_a_clear_error(client, token_a):
    for body in (
        {"asset_tag": "", "asset_type": "desktop"},
        {"asset_tag": "X", "asset_type": "boat"},
        {"asset_tag": "X" * 50, "asset_type": "ups"},
    ):
        response = client.put(API, json.dumps(body), content_type="application/json", **_auth(token_a))
        assert response.status_code == 422
    body = {"asset_tag": "VIK-9", "asset_type": "ups", "purchase_date": "2024-05-01", "warranty_end": "2020-01-01"}
    response = client.put(API, json.dumps(body), content_type="application/json", **_auth(token_a))
    assert response.status_code == 422 and "warranty_end" in response.json()["errors"]
    assert client.get(API, {"limit": 0}, **_auth(token_a)).status_code == 422


def test_openapi_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/inventory/assets"]) == {"get", "put"}
    assert set(paths["/api/v1/servicedesk/tickets"]) == {"get", "post"}
    assert "/api/v1/servicedesk/tickets/{ticket_id}/messages" in paths
    for path, operations in paths.items():
        if path.startswith(("/api/v1/inventory/", "/api/v1/servicedesk/")):
            for method, operation in operations.items():  # every one says it needs an organisation's token
                assert operation["security"] == [{"OrganisationTokenAuth": []}], (method, path)
    assert schema["components"]["securitySchemes"]["OrganisationTokenAuth"]["scheme"] == "bearer"


# --- import ---------------------------------------------------------------------------------------------------------

HEADER = "asset_tag,organisation,asset_type,manufacturer,model,serial,purchase_date,cost\n"


def _validate(text, kind="assets", visible_ids=None):
    headers, rows = importing.read_table("f.csv", text.encode())
    return importing.validate(kind, headers, rows, visible_ids=visible_ids)


def test_import_reports_every_bad_row_and_imports_nothing(assets, org_a):
    text = HEADER + (
        "N-1,vik,desktop,Dell,OptiPlex,S-1,2024-01-31,820\n"
        "N-2,nepoznata,desktop,Dell,OptiPlex,S-2,2024-01-31,820\n"
        "N-3,vik,desktop,Dell,OptiPlex,S-3,31.02.2024,820\n"
        "N-1,vik,printer,HP,LaserJet,S-4,,\n"
        "VIK-0001,vik,desktop,Dell,OptiPlex,S-5,,\n"
        f"N-6,vik,desktop,Dell,OptiPlex,{assets['a'].serial},,abc\n"
    )
    report = _validate(text)
    errors = dict(report.row_errors)
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert "nepoznata" in errors[3][0]
    assert "31.02.2024" in errors[4][0]
    assert "row 2" in errors[5][0] or "redu 2" in errors[5][0]
    assert "VIK-0001 — Dell OptiPlex Vodovod" in " ".join(errors[6])
    assert any("VIK-0001" in e for e in errors[7]) and any("abc" in e for e in errors[7])
    with pytest.raises(ValueError):
        importing.apply(report)
    assert not Asset.objects.filter(asset_tag="N-1").exists()
    run = importing.apply(report, only_valid=True, file_name="f.csv")
    assert run.imported_rows == 1 and run.error_rows == 5
    assert Asset.objects.get(asset_tag="N-1").events.filter(kind="imported").exists()


def test_import_with_wrong_columns_imports_nothing():
    report = _validate("tag,organisation,type,colour\nX,vik,desktop,red\n")
    assert report.header_errors and not report.valid


def test_import_is_limited_to_visible_organisations(org_a, org_b):
    report = _validate(HEADER + "N-1,centar-za-kulturu,desktop,Dell,OptiPlex,S-1,,\n", visible_ids={org_a.pk})
    assert report.row_errors and "centar-za-kulturu" in report.row_errors[0][1][0]


def test_import_of_xlsx_licences_and_people(org_a, it_staff):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["product", "organisation", "seats", "expires_on"])
    sheet.append(["Microsoft 365", "ViK", 25, "2027-01-01"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    headers, rows = importing.read_table("licences.xlsx", buffer.getvalue())
    report = importing.validate("licences", headers, rows)
    assert report.ok, report.row_errors
    importing.apply(report, user=it_staff)
    assert Licence.objects.get().seats == 25
    people = _validate(
        "email,organisation,first_name,last_name,role\nana@vik.me,vik,Ana,Ivanović,member\nbad,vik,,,\n", kind="people"
    )
    assert [row for row, _e in people.row_errors] == [3]
    importing.apply(people, user=it_staff, only_valid=True)
    assert org_a.memberships.filter(user__email="ana@vik.me", role="member").exists()


def test_unreadable_files_are_refused():
    with pytest.raises(importing.ImportFileError):
        importing.read_table("a.xlsx", b"PK\x03\x04 not a workbook")
    with pytest.raises(importing.ImportFileError):
        importing.read_table("a.pdf", b"%PDF")
    with pytest.raises(importing.ImportFileError):
        importing.read_table("a.csv", b"")


def test_admin_import_dry_run_then_import(mfa_client, it_staff, org_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = mfa_client(it_staff)
    content = (HEADER + "N-1,vik,desktop,Dell,OptiPlex,S-1,2024-01-31,820\n").encode()
    response = client.post(
        reverse("inventory_import"), {"kind": "assets", "mode": "dry_run", "file": SimpleUploadedFile("a.csv", content)}
    )
    assert response.status_code == 200 and not Asset.objects.exists()
    response = client.post(
        reverse("inventory_import"), {"kind": "assets", "mode": "all", "file": SimpleUploadedFile("a.csv", content)}
    )
    assert response.status_code == 200 and Asset.objects.filter(asset_tag="N-1").exists()
    assert ImportRun.objects.get().user == it_staff


def test_command_line_import_with_progress_bar(tmp_path, org_a):
    path = tmp_path / "assets.csv"
    path.write_text(HEADER + "".join(f"C-{n},vik,desktop,Dell,OptiPlex,CS-{n},2024-01-31,820\n" for n in range(1500)))
    out = io.StringIO()
    call_command("import_inventory", str(path), stdout=out)
    assert Asset.objects.filter(asset_tag__startswith="C-").count() == 1500
    output = out.getvalue()
    assert "100% 1500/1500" in output
    # the bar moves while the rows are checked, not only while they are written
    checking = [part for part in output.split("\r") if part.startswith("Checking")]
    assert any(" 500/1500 " in part for part in checking) and any("100% 1500/1500" in part for part in checking)
    assert output.index("Checking") < output.index("Importing")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "C-1,vik,desktop,Dell,OptiPlex,X,,\n")
    with pytest.raises(CommandError):
        call_command("import_inventory", str(bad), stdout=io.StringIO(), stderr=io.StringIO())


# --- public addresses ------------------------------------------------------------------------------------------------


def test_qr_address_redirects_staff_and_reveals_nothing_to_others(
    client, mfa_client, assets, it_contact_b, it_contact_a
):
    url = reverse("inventory-asset", args=["VIK-0001"])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    missing = client.get(reverse("inventory-asset", args=["NEMA-1"]))
    assert missing.status_code == 302 and "login" in missing["Location"]  # the same answer
    client.force_login(it_contact_b)
    assert client.get(url).status_code == 404
    client.force_login(it_contact_a)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == assets["a"].get_admin_url()


def test_recipient_accepts_the_hand_over_on_the_site(
    client, assets, it_staff, it_contact_a, it_contact_b, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        checkout = services.check_out(assets["a"], by=it_staff, recipient=it_contact_a)
    link = next(w for w in mail.outbox[0].body.split() if "/oprema/prihvatanje/" in w)
    path = link.split("://", 1)[1].split("/", 1)[1]
    path = "/" + path
    client.force_login(it_contact_b)
    assert client.get(path).status_code == 404  # not the recipient
    client.force_login(it_contact_a)
    assert client.get(path).status_code == 200
    assert client.post(path, {"answer": "maybe"}).status_code == 200
    checkout.refresh_from_db()
    assert checkout.state == "pending"
    client.post(path, {"answer": "accept"})
    checkout.refresh_from_db()
    assert checkout.state == "accepted"
    assert client.get("/oprema/prihvatanje/nonsense/").status_code == 404


def test_large_admin_import_runs_in_the_background_with_progress(
    mfa_client, it_staff, org_a, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    monkeypatch.setattr(importing, "BACKGROUND_THRESHOLD", 2)
    client = mfa_client(it_staff)
    content = (HEADER + "".join(f"G-{n},vik,desktop,Dell,OptiPlex,GS-{n},2024-01-31,820\n" for n in range(5))).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("inventory_import"), {"kind": "assets", "mode": "all", "file": SimpleUploadedFile("g.csv", content)}
        )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == "done" and run.imported_rows == 5 and run.payload is None
    assert Asset.objects.filter(asset_tag__startswith="G-").count() == 5
    page = client.get(response["Location"])
    assert page.status_code == 200 and "100%" in page.content.decode()
