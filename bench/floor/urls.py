"""One URL, one view returning a small HTML page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

BODY = b'<!doctype html><html lang="cnr"><meta charset="utf-8"><title>ok</title><p>ok</p></html>'


def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", ok)]
