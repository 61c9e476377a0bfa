"""The ``format`` values the portal checks, in plain Python.

jsonschema's optional format libraries cost seconds at every process start (one of them
builds a grammar at import); these checks need only the standard library and ``idna``.
A format not listed here is an annotation only, as JSON Schema 2020-12 specifies; form
definitions may not use one (see ``auditportal.forms.definition``).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
import uuid
from collections.abc import Callable
from datetime import date

import idna
from jsonschema import FormatChecker

from auditportal.schema_language import patterns

# --- dates and times (RFC 3339 section 5.6, ISO 8601 durations from its appendix A) -------

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_TIME = re.compile(r"(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))", re.ASCII)
_DURATION = re.compile(
    r"P(?:(?:\d+Y(?:\d+M(?:\d+D)?)?|\d+M(?:\d+D)?|\d+D)(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?"
    r"|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S)|\d+W)",
    re.ASCII,
)


def is_date(value: str) -> bool:
    match = _DATE.fullmatch(value)
    if match is None:
        return False
    try:
        date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


def is_time(value: str) -> bool:
    match = _TIME.fullmatch(value)
    if match is None:
        return False
    hour, minute, second = int(match[1]), int(match[2]), int(match[3])
    offset_hours = int(match[6] or 0)
    offset_minutes = int(match[7] or 0)
    if hour > 23 or minute > 59 or second > 60 or offset_hours > 23 or offset_minutes > 59:
        return False
    if second == 60:
        # A leap second happens at 23:59:60 UTC only.
        sign = -1 if match[5] == "+" else 1
        utc_minutes = (hour * 60 + minute + sign * (offset_hours * 60 + offset_minutes)) % 1440
        return utc_minutes == 23 * 60 + 59
    return True


def is_date_time(value: str) -> bool:
    day, separator, time = value.partition("T") if "T" in value else value.partition("t")
    return bool(separator) and is_date(day) and is_time(time)


def is_duration(value: str) -> bool:
    return _DURATION.fullmatch(value) is not None


# --- e-mail (RFC 5321/5322 addr-spec, with RFC 6531 UTF-8 local parts and domains) ---------

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_UTF8_NON_ASCII = r"[^\x00-\x7f]"
_ATOM_CHAR = f"(?:{_ATEXT}|{_UTF8_NON_ASCII})"
_DOT_ATOM = re.compile(rf"{_ATOM_CHAR}+(?:\.{_ATOM_CHAR}+)*")
# Printable ASCII but \ and ", or a backslash pair, or UTF-8; no line breaks.
_QUOTED = re.compile(r'"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e]|[^\x00-\x7f])*"')
_LDH_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?", re.ASCII)
_MAX_LOCAL_OCTETS = 64
_MAX_DOMAIN_OCTETS = 253


def _is_local_part(local: str) -> bool:
    if len(local.encode("utf-8")) > _MAX_LOCAL_OCTETS:
        return False
    # RFC 6531 admits any UTF-8 beyond ASCII here; ASCII controls and spaces stay out.
    return bool(_DOT_ATOM.fullmatch(local) or _QUOTED.fullmatch(local))


# IDNA treats these full stops as label separators (UTS 46, RFC 3490 3.1).
_FULL_STOPS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


def _ascii_domain(domain: str) -> str | None:
    """The domain in its ASCII (A-label) form, or None if it is not a valid host name."""
    domain = domain.translate(_FULL_STOPS)
    if not domain or domain.endswith(".") or len(domain) > 2 * _MAX_DOMAIN_OCTETS:
        return None
    labels = []
    for label in domain.split("."):
        if label.isascii():
            ascii_label = label
        else:
            try:
                # Compared in NFC, as mail systems compare them (RFC 6531 defers to IDNA).
                ascii_label = idna.encode(unicodedata.normalize("NFC", label)).decode("ascii")
            except (idna.IDNAError, UnicodeError, ValueError):
                return None
        if not _LDH_LABEL.fullmatch(ascii_label):
            return None
        if ascii_label.lower().startswith("xn--"):
            try:
                idna.decode(ascii_label)
            except (idna.IDNAError, UnicodeError, ValueError):
                return None
        elif label.isascii() and len(label) > 3 and label[2:4] == "--":
            return None  # reserved for A-labels
        labels.append(ascii_label)
    joined = ".".join(labels)
    return joined if len(joined) <= _MAX_DOMAIN_OCTETS else None


def _is_address_literal(literal: str) -> bool:
    inner = literal[1:-1]
    try:
        if inner[:5].lower() == "ipv6:":
            ipaddress.IPv6Address(inner[5:])
        else:
            ipaddress.IPv4Address(inner)
    except ValueError:
        return False
    return inner.isascii()


def is_email(value: str) -> bool:
    """An addr-spec (``local@domain``): no display names, no lists, no comments.

    Domains need at least two labels and a top-level label that is not all digits, as
    mail between organisations does; address literals ([192.0.2.1], [IPv6:...]) are kept.
    """
    local, at, domain = value.rpartition("@")
    if not at or not _is_local_part(local):
        return False
    if domain.startswith("[") and domain.endswith("]"):
        return _is_address_literal(domain)
    ascii_domain = _ascii_domain(domain)
    if ascii_domain is None:
        return False
    labels = ascii_domain.split(".")
    return len(labels) >= 2 and not labels[-1].isdigit()


def is_hostname(value: str) -> bool:
    return value.isascii() and _ascii_domain(value) is not None


def is_idn_hostname(value: str) -> bool:
    return _ascii_domain(value) is not None


# --- addresses and identifiers ------------------------------------------------------------


def is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return value.isascii()


def is_ipv6(value: str) -> bool:
    if not value.isascii() or "%" in value:
        return False
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(value: str) -> bool:
    if _UUID.fullmatch(value) is None:
        return False
    uuid.UUID(value)
    return True


# RFC 3986 (ASCII) and RFC 3987 (adds ucschar) references, from their ABNF.
_UNRESERVED = r"A-Za-z0-9\-._~"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"


def _reference_patterns(extra: str, private: str = "") -> tuple[re.Pattern[str], re.Pattern[str]]:
    pchar = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@{extra}]|{_PCT})"
    query = rf"(?:{pchar}|[/?{private}])*"
    reg_name = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}{extra}]|{_PCT})*"
    # IPv6 literals are checked again by ipaddress (see _literals_valid).
    ip_literal = r"\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]"
    userinfo = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:{extra}]|{_PCT})*"
    authority = rf"(?:{userinfo}@)?(?:{ip_literal}|{reg_name})(?::\d*)?"
    segment = rf"{pchar}*"
    segment_nz = rf"{pchar}+"
    segment_nz_nc = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}@{extra}]|{_PCT})+"
    hier = (
        rf"(?://{authority}(?:/{segment})*|/(?:{segment_nz}(?:/{segment})*)?"
        rf"|{segment_nz}(?:/{segment})*|)"
    )
    relative = (
        rf"(?://{authority}(?:/{segment})*|/(?:{segment_nz}(?:/{segment})*)?"
        rf"|{segment_nz_nc}(?:/{segment})*|)"
    )
    tail = rf"(?:\?{query})?(?:#{query})?"
    absolute = re.compile(rf"[A-Za-z][A-Za-z0-9+\-.]*:{hier}{tail}")
    reference = re.compile(rf"(?:[A-Za-z][A-Za-z0-9+\-.]*:{hier}|{relative}){tail}")
    return absolute, reference


_URI, _URI_REFERENCE = _reference_patterns("")
_IRI, _IRI_REFERENCE = _reference_patterns(
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U000efffd",
    private="\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd",
)
_IPV6_LITERAL = re.compile(r"//(?:[^/?#@]*@)?\[([0-9A-Fa-f:.]+)\]")


def _literals_valid(value: str) -> bool:
    """An IPv6 host literal must be an IPv6 address (the ABNF above only shapes it)."""
    found = _IPV6_LITERAL.search(value)
    return found is None or is_ipv6(found[1])


def is_uri(value: str) -> bool:
    return _URI.fullmatch(value) is not None and _literals_valid(value)


def is_uri_reference(value: str) -> bool:
    return _URI_REFERENCE.fullmatch(value) is not None and _literals_valid(value)


def is_iri(value: str) -> bool:
    return _IRI.fullmatch(value) is not None and _literals_valid(value)


def is_iri_reference(value: str) -> bool:
    return _IRI_REFERENCE.fullmatch(value) is not None and _literals_valid(value)


_JSON_POINTER = re.compile(r"(?:/(?:[^~/]|~[01])*)*")


def is_json_pointer(value: str) -> bool:
    return _JSON_POINTER.fullmatch(value) is not None


def is_regex(value: str) -> bool:
    return patterns.problem(value) is None


CHECKS: dict[str, Callable[[str], bool]] = {
    "date": is_date,
    "time": is_time,
    "date-time": is_date_time,
    "duration": is_duration,
    "email": is_email,
    "idn-email": is_email,
    "hostname": is_hostname,
    "idn-hostname": is_idn_hostname,
    "ipv4": is_ipv4,
    "ipv6": is_ipv6,
    "uuid": is_uuid,
    "uri": is_uri,
    "uri-reference": is_uri_reference,
    "iri": is_iri,
    "iri-reference": is_iri_reference,
    "json-pointer": is_json_pointer,
    "regex": is_regex,
}


def _only_strings(check: Callable[[str], bool]) -> Callable[[object], bool]:
    # Formats apply to strings; any other type passes (JSON Schema 2020-12, 7.1).
    return lambda value: not isinstance(value, str) or check(value)


def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, check in CHECKS.items():
        checker.checks(name)(_only_strings(check))
    return checker


FORMAT_CHECKER = format_checker()
