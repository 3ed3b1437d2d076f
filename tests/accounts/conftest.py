"""Fixtures for the account tests: verified e-mail, TOTP codes, a clean rate-limit cache."""

from __future__ import annotations

import re
import time

import pytest
from django.core.cache import cache

from infocentar.accounts import services

from ..conftest import PASSWORD

__all__ = ["PASSWORD", "link_in", "totp_code"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps rate-limit counters and used TOTP codes in the cache; the
    # test cache (locmem) lives as long as the process.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def verified(db):
    """verified(user): the user's e-mail address recorded as verified, so they can sign in."""

    def make(user):
        services.ensure_verified_email(user)
        return user

    return make


def totp_code(secret: str, at: float | None = None) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(at or time.time()) // 30))


def link_in(body: str, path_part: str) -> str:
    """The first URL in an e-mail body that contains `path_part`."""
    for url in re.findall(r"https?://\S+", body):
        if path_part in url:
            return url
    raise AssertionError(f"No link with {path_part!r} in:\n{body}")
