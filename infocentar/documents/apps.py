from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Django permissions of the library that the role groups hold (added to core's ROLE_PERMISSIONS).
LIBRARY_PERMISSIONS = {
    "ic_admin": ["add", "change", "delete", "view"],
    "editor": ["add", "change", "delete", "view"],
}


class DocumentsConfig(AppConfig):
    name = "infocentar.documents"
    label = "documents"
    verbose_name = _("Document library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from infocentar.core import services
        from infocentar.core.search import register

        from . import sections, signals  # noqa: F401
        from .models import DocumentLibraryPage, LibraryDocument

        register(
            LibraryDocument,
            label=_("Documents"),
            queryset=lambda: LibraryDocument.objects.public().select_related("organisation"),
        )
        register(DocumentLibraryPage, label=_("Pages"), queryset=lambda: DocumentLibraryPage.objects.live().public())
        signals.connect()

        # Editors (and the Information Center's administrators) keep the library; the rows they
        # see are scoped to their organisations by the viewset (core.viewsets).
        for role, actions in LIBRARY_PERMISSIONS.items():
            granted = services.ROLE_PERMISSIONS.setdefault(role, [])
            for action in actions:
                codename = f"documents.{action}_librarydocument"
                if codename not in granted:
                    granted.append(codename)
