"""The embedded set-up for a developer's machine and `make demo`."""

from .base import *  # noqa: F403
from .base import SECRET_KEY
from .env import envbool

DEBUG = envbool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
# The demo logins are printed on start; the demo needs MFA too, see README.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
