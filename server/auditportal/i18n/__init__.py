"""Message catalogue in Simplified Chinese and English, and caller-language negotiation."""

from __future__ import annotations

from typing import Any

from auditportal.i18n import (
    messages,
    messages_access,
    messages_admin,
    messages_auth,
    messages_customers,
    messages_dashboard,
    messages_evidence,
    messages_exports,
    messages_forms,
    messages_imports,
    messages_inspections,
    messages_jobs,
    messages_kpis,
    messages_reports,
    messages_requests,
    messages_rules,
    messages_search,
    messages_verification,
    messages_work,
    messages_workflows,
)
from auditportal.settings import Language

# One catalogue, assembled from per-area modules (so areas can grow without colliding).
MESSAGES: dict[str, dict[str, str]] = {
    **messages.MESSAGES,
    **messages_auth.MESSAGES,
    **messages_admin.MESSAGES,
    **messages_workflows.MESSAGES,
    **messages_reports.MESSAGES,
    **messages_dashboard.MESSAGES,
    **messages_jobs.MESSAGES,
    **messages_customers.MESSAGES,
    **messages_inspections.MESSAGES,
    **messages_imports.MESSAGES,
    **messages_forms.MESSAGES,
    **messages_requests.MESSAGES,
    **messages_access.MESSAGES,
    **messages_work.MESSAGES,
    **messages_evidence.MESSAGES,
    **messages_search.MESSAGES,
    **messages_rules.MESSAGES,
    **messages_exports.MESSAGES,
    **messages_kpis.MESSAGES,
    **messages_verification.MESSAGES,
}

LANGUAGES: tuple[Language, ...] = ("zh-CN", "en")


# Parameters that every message may carry (see auditportal.forms.validation):
# ``field_title`` names the field the message is about, ``custom_message`` is the form
# author's own wording that replaces the catalogue's. Parameters given in both languages
# ({"zh-CN": ..., "en": ...}) are rendered in the caller's.
FIELD_TITLE = "field_title"
CUSTOM_MESSAGE = "custom_message"


def translate(key: str, language: Language, /, **params: Any) -> str:
    """The message for ``key`` in ``language``; unknown keys fall back to English, then the key."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    values = {
        name: localized(value, language) if _is_bilingual(value) else value
        for name, value in params.items()
    }
    title = values.pop(FIELD_TITLE, None)
    custom = values.pop(CUSTOM_MESSAGE, None)
    text = custom if isinstance(custom, str) and custom else _format(entry, language, values)
    if isinstance(title, str) and title:
        return _format(MESSAGES["message.about_field"], language, {"title": title, "message": text})
    return text


def _format(entry: dict[str, str], language: Language, params: dict[str, Any]) -> str:
    template = entry.get(language) or entry["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def _is_bilingual(value: Any) -> bool:
    return isinstance(value, dict) and "en" in value and set(value) <= set(LANGUAGES)


def negotiate_language(accept_language: str | None, default: Language) -> Language:
    """Pick zh-CN or en from an Accept-Language header, honouring q-values."""
    if not accept_language:
        return default
    choices: list[tuple[float, int, Language]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, quality = part.strip().partition(";q=")
        tag = tag.strip().lower()
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            weight = 0.0
        if tag.startswith("zh"):
            choices.append((weight, -position, "zh-CN"))
        elif tag.startswith("en"):
            choices.append((weight, -position, "en"))
    choices = [choice for choice in choices if choice[0] > 0]
    return max(choices)[2] if choices else default


def localized(text: dict[str, str] | None, language: Language) -> str | None:
    """Pick one language from a {"zh-CN": ..., "en": ...} object."""
    if not text:
        return None
    return text.get(language) or text.get("en") or next(iter(text.values()), None)
