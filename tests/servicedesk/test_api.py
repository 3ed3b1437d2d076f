"""/api/v1/servicedesk/tickets: a token sees only its organisation's tickets."""

from __future__ import annotations

from infocentar.inventory.models import ApiToken
from infocentar.servicedesk import services
from infocentar.servicedesk.models import Ticket

URL = "/api/v1/servicedesk/tickets"


def _token(organisation, scopes=("servicedesk:read", "servicedesk:write")) -> str:
    _token_obj, secret = ApiToken.create(organisation=organisation, name="Skripta", scopes=list(scopes))
    return secret


def test_a_token_is_required(client, ticket_a):
    assert client.get(URL).status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_a_token_sees_only_its_organisations_tickets(client, org_a, ticket_a, ticket_b, it_staff):
    services.add_note(ticket_a, by=it_staff, body="INTERNO")
    services.reply(ticket_a, by=it_staff, body="JAVNO")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {_token(org_a)}"}
    data = client.get(URL, **auth).json()
    assert data["count"] == 1 and data["items"][0]["reference"] == ticket_a.reference
    assert data["items"][0]["remaining_working_seconds"] is not None
    assert client.get(f"{URL}/{ticket_a.pk}", **auth).status_code == 200
    assert client.get(f"{URL}/{ticket_b.pk}", **auth).status_code == 404
    assert client.get(f"{URL}/{ticket_b.pk}/messages", **auth).status_code == 404
    bodies = [m["body"] for m in client.get(f"{URL}/{ticket_a.pk}/messages", **auth).json()]
    assert "JAVNO" in bodies and "INTERNO" not in bodies


def test_filters_and_bad_params(client, org_a, ticket_a):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {_token(org_a)}"}
    assert client.get(URL + "?status=new", **auth).json()["count"] == 1
    assert client.get(URL + "?open=false", **auth).json()["count"] == 0
    assert client.get(URL + "?status=nonsense", **auth).status_code == 422
    assert client.get(URL + "?limit=100000", **auth).status_code == 422
    assert client.get(URL + "?created_after=yesterday", **auth).status_code == 422
    assert client.get(f"{URL}/{2**70}", **auth).status_code in (404, 422)


def test_filing_by_api(client, org_a, printer_a, printer_b):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {_token(org_a)}"}
    response = client.post(
        URL,
        {"title": "Disk pun", "description": "Server javlja 95%", "category": "hardware", "asset_tag": "VIK-PR-001"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get()
    assert ticket.source == "api" and ticket.organisation == org_a and ticket.asset == printer_a
    response = client.post(
        URL, {"title": "X", "description": "Y", "asset_tag": "CZK-PR-001"}, content_type="application/json", **auth
    )
    assert response.status_code == 422
    assert client.post(URL, {"title": ""}, content_type="application/json", **auth).status_code == 422
    assert Ticket.objects.count() == 1


def test_a_read_only_token_cannot_file(client, org_a):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {_token(org_a, scopes=['servicedesk:read'])}"}
    response = client.post(URL, {"title": "X", "description": "Y"}, content_type="application/json", **auth)
    assert response.status_code == 401 and not Ticket.objects.exists()
