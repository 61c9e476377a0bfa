"""Messages of sign-in, OAuth 2.0 and OpenID Connect, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
