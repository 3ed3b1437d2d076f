"""The document chooser of the library's admin form, started without an inline script (the CSP forbids them).

Uses the portal's CspChooserMixin: the widget's start-up is written as JSON
that core's csp-init.js hands to window.initCspChooser (portal's admin-choosers.js).
"""

from __future__ import annotations

from wagtail.documents.widgets import AdminDocumentChooser

from infocentar.portal.widgets import CspChooserMixin


class CspDocumentChooser(CspChooserMixin, AdminDocumentChooser):
    pass
