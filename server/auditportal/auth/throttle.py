"""Sign-in throttling: failed attempts per account name and per client IP, then a lockout.

Keys are ``user:<lower-cased name>`` and ``ip:<address>``. Names are throttled whether or
not the account exists, so a lockout reveals nothing about which accounts exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import LoginThrottle
from auditportal.auth.principal import system_principal
from auditportal.settings import Settings

_ACTOR = system_principal("signin")
_OBJECT_ID_MAX = 64  # the audit trail's object id column


@dataclass(frozen=True)
class ThrottleKeys:
    account: str
    address: str

    @classmethod
    def of(cls, username: str, ip: str) -> ThrottleKeys:
        return cls(f"user:{username.strip().lower()[:250]}", f"ip:{ip[:250]}")


def _limit(settings: Settings, key: str) -> int:
    if key.startswith("ip:"):
        return settings.login_max_failures_per_ip
    return settings.login_max_failures


async def locked_until(keys: ThrottleKeys, now: datetime | None = None) -> datetime | None:
    """The latest lockout end among the keys, if any is locked now."""
    moment = now or datetime.now(UTC)
    rows = await LoginThrottle.filter(key__in=[keys.account, keys.address], locked_until__gt=moment)
    ends = [row.locked_until for row in rows if row.locked_until is not None]
    return max(ends) if ends else None


async def record_failure(
    settings: Settings, keys: ThrottleKeys, *, client_id: str
) -> datetime | None:
    """Count a failed sign-in; returns the lockout end if this failure locked a key."""
    now = datetime.now(UTC)
    window = timedelta(seconds=settings.login_failure_window_seconds)
    lockout_end: datetime | None = None
    async with in_transaction():
        await audit.record(
            _ACTOR,
            "signin.failed",
            "LoginThrottle",
            keys.account[:_OBJECT_ID_MAX],
            {"client_id": client_id, "account": keys.account, "address": keys.address},
        )
        for key in (keys.account, keys.address):
            row, created = await LoginThrottle.get_or_create(
                key=key, defaults={"failures": 1, "window_started_at": now}
            )
            if not created:
                if row.window_started_at + window < now:
                    await LoginThrottle.filter(key=key).update(
                        failures=1, window_started_at=now, locked_until=None
                    )
                else:
                    await LoginThrottle.filter(key=key).update(failures=F("failures") + 1)
                await row.refresh_from_db()
            if row.failures >= _limit(settings, key) and (
                row.locked_until is None or row.locked_until <= now
            ):
                end = now + timedelta(seconds=settings.login_lockout_seconds)
                await LoginThrottle.filter(key=key).update(locked_until=end, failures=0)
                await audit.record(
                    _ACTOR,
                    "signin.lockout",
                    "LoginThrottle",
                    key[:_OBJECT_ID_MAX],
                    {"key": key, "until": end.isoformat(), "failures": row.failures},
                )
                lockout_end = end
    return lockout_end


async def record_success(keys: ThrottleKeys) -> None:
    """A good sign-in clears the account's count (the address keeps its own)."""
    await LoginThrottle.filter(key=keys.account).delete()
