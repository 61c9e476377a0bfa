"""Removing credentials that can no longer be used, so the tables do not grow forever.

Nothing removed here can still authenticate anyone: refresh tokens past expiry (or
revoked/rotated and past expiry), authorization codes a day past expiry, revoked access
token ids whose tokens have expired anyway, and throttle windows long over. The audit
trail keeps the history of all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q

from auditportal.auth.models import (
    AuthorizationCode,
    LoginThrottle,
    RefreshToken,
    RevokedAccessToken,
)

# Throttle rows are kept a day after their window and any lockout ended.
THROTTLE_RETENTION = timedelta(days=1)


@dataclass(frozen=True)
class Removed:
    refresh_tokens: int
    authorization_codes: int
    revoked_access_tokens: int
    throttles: int


async def remove_expired(now: datetime | None = None) -> Removed:
    moment = now or datetime.now(UTC)
    stale = moment - THROTTLE_RETENTION
    return Removed(
        refresh_tokens=await RefreshToken.filter(expires_at__lt=moment).delete(),
        authorization_codes=await AuthorizationCode.filter(
            expires_at__lt=moment - timedelta(days=1)
        ).delete(),
        revoked_access_tokens=await RevokedAccessToken.filter(expires_at__lt=moment).delete(),
        throttles=await LoginThrottle.filter(
            Q(locked_until__isnull=True) | Q(locked_until__lt=stale), window_started_at__lt=stale
        ).delete(),
    )
