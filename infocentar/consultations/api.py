"""Open data of the consultations app under /api/v1/."""

from ninja import Router

router = Router()
