"""The API's one pagination: limit/offset with sane bounds."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 10_000_000


class Pagination(LimitOffsetPagination):
    """limit (1–200, default 50) and offset (0–10,000,000); `count` and `items` in the answer."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
