"""Open data of the servicedesk app under /api/v1/."""

from ninja import Router

router = Router()
