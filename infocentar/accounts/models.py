"""People who sign in: citizens and municipal staff."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account: a citizen or a member of municipal staff."""

    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    display_name = models.CharField(_("name shown publicly"), max_length=150, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.display_name or self.email or self.username

    @property
    def is_staff_member(self) -> bool:
        """Staff: anyone who may enter the back office (needs MFA)."""
        return self.is_staff or self.is_superuser or self.memberships.filter(is_active=True).exists()
