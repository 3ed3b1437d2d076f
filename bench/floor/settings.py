"""Minimal settings for the floor app: no apps, no middleware, no database, no templates."""

from __future__ import annotations

import os

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-floor-only-" + "x" * 50
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
TEMPLATES: list = []
USE_I18N = False
USE_TZ = True
