"""Open data of the acts app under /api/v1/."""

from ninja import Router

router = Router()
