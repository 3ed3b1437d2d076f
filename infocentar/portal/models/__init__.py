"""The website: its pages, the municipality's settings and menus, alerts and editorial sections."""

from .alerts import Severity, SiteAlert
from .editorial import EditorialGroup, EditorialSection
from .pages import (
    AccessibilityStatementPage,
    AssessmentMethod,
    ConformanceStatus,
    ContactPage,
    FoldedPageSearchMixin,
    HomePage,
    LandingPage,
    StandardPage,
)
from .settings import FooterMenuItem, MainMenuItem, MunicipalitySettings, NavigationSettings

__all__ = [
    "AccessibilityStatementPage",
    "AssessmentMethod",
    "ConformanceStatus",
    "ContactPage",
    "EditorialGroup",
    "EditorialSection",
    "FoldedPageSearchMixin",
    "FooterMenuItem",
    "HomePage",
    "LandingPage",
    "MainMenuItem",
    "MunicipalitySettings",
    "NavigationSettings",
    "Severity",
    "SiteAlert",
    "StandardPage",
]
