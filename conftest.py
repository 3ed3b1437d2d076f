"""Root test configuration: build the translation catalogues before Django starts."""

from __future__ import annotations


def pytest_configure(config):
    from infocentar.core.i18n import build_all

    build_all()
