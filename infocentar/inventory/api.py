"""Open data of the inventory app under /api/v1/."""

from ninja import Router

router = Router()
