"""Server-rendered sign-in, consent and error pages: no scripts, no external assets."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from auditportal.i18n import MESSAGES, translate
from auditportal.settings import Language

_STYLE = """
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",
sans-serif;background:#f4f6f8;margin:0;color:#1f2933}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.3rem;margin-top:0}label{display:block;margin:1rem 0 .3rem}
input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box;
border:1px solid #9aa5b1;border-radius:4px}
button{margin-top:1.2rem;padding:.55rem 1.2rem;border:0;border-radius:4px;background:#1f6feb;
color:#fff;font-size:1rem;cursor:pointer}button.secondary{background:#9aa5b1;margin-left:.5rem}
.error{background:#fde8e8;color:#9b1c1c;padding:.6rem;border-radius:4px}
.lang{float:right;font-size:.9rem}ul{padding-left:1.2rem}
"""


def _document(language: Language, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def _hidden(params: list[tuple[str, str]]) -> str:
    return "".join(
        f'<input type="hidden" name="{escape(key)}" value="{escape(value)}">'
        for key, value in params
    )


def _language_switch(language: Language, params: list[tuple[str, str]]) -> str:
    other = "en" if language == "zh-CN" else "zh-CN"
    query = urlencode([(k, v) for k, v in params if k != "ui_locales"] + [("ui_locales", other)])
    label = translate("signin.other_language", language)
    return f'<a class="lang" href="/oauth/authorize?{escape(query)}">{escape(label)}</a>'


def signin_page(
    language: Language,
    *,
    client_name: str,
    params: list[tuple[str, str]],
    form_token: str,
    username: str = "",
    error: str | None = None,
    provider: tuple[str, str] | None = None,
) -> str:
    title = translate("signin.title", language)
    error_html = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    if provider is not None:
        name, link = provider
        label = translate("signin.with_provider", language, provider=name)
        error_html += (
            f'<p><a class="federated" href="{escape(link)}">{escape(label)}</a></p>'
            f"<p>{escape(translate('signin.or', language))}</p>"
        )
    body = (
        f"{_language_switch(language, params)}<h1>{escape(title)}</h1>"
        f"<p>{escape(translate('signin.for_client', language, client=client_name))}</p>"
        f"{error_html}"
        '<form method="post" action="/oauth/authorize">'
        f"{_hidden(params)}"
        '<input type="hidden" name="step" value="signin">'
        f'<input type="hidden" name="form_token" value="{escape(form_token)}">'
        f'<label for="username">{escape(translate("signin.username", language))}</label>'
        f'<input type="text" id="username" name="username" value="{escape(username)}" '
        'autocomplete="username" required autofocus>'
        f'<label for="password">{escape(translate("signin.password", language))}</label>'
        '<input type="password" id="password" name="password" '
        'autocomplete="current-password" required>'
        f'<button type="submit">{escape(translate("signin.submit", language))}</button>'
        "</form>"
    )
    return _document(language, title, body)


def change_password_page(
    language: Language,
    *,
    user_name: str,
    params: list[tuple[str, str]],
    form_token: str,
    min_length: int,
    error: str | None = None,
) -> str:
    """After a sign-in with a one-time password: the new password, before anything else."""
    title = translate("password.change_title", language)
    error_html = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    body = (
        f"<h1>{escape(title)}</h1>"
        f"<p>{escape(user_name)}: {escape(translate('password.change_required', language))}</p>"
        f"{error_html}"
        '<form method="post" action="/oauth/authorize">'
        f"{_hidden(params)}"
        '<input type="hidden" name="step" value="change_password">'
        f'<input type="hidden" name="form_token" value="{escape(form_token)}">'
        f'<label for="new_password">{escape(translate("password.new", language))}</label>'
        '<input type="password" id="new_password" name="new_password" '
        f'autocomplete="new-password" minlength="{min_length}" required autofocus>'
        f'<label for="repeat_password">{escape(translate("password.repeat", language))}</label>'
        '<input type="password" id="repeat_password" name="repeat_password" '
        f'autocomplete="new-password" minlength="{min_length}" required>'
        f"<p>{escape(translate('password.hint', language, min=min_length))}</p>"
        f'<button type="submit">{escape(translate("password.save", language))}</button>'
        "</form>"
    )
    return _document(language, title, body)


def scope_label(scope: str, language: Language) -> str:
    key = f"scope.{scope}"
    return translate(key, language) if key in MESSAGES else scope


def consent_page(
    language: Language,
    *,
    client_name: str,
    user_name: str,
    scopes: list[str],
    params: list[tuple[str, str]],
    form_token: str,
) -> str:
    title = translate("consent.title", language)
    items = "".join(
        f"<li>{escape(scope_label(scope, language))} <code>{escape(scope)}</code></li>"
        for scope in scopes
    )
    intro = translate("consent.intro", language, user=user_name, client=client_name)
    body = (
        f"<h1>{escape(title)}</h1><p>{escape(intro)}</p><ul>{items}</ul>"
        '<form method="post" action="/oauth/authorize">'
        f"{_hidden(params)}"
        '<input type="hidden" name="step" value="consent">'
        f'<input type="hidden" name="form_token" value="{escape(form_token)}">'
        f'<button type="submit" name="decision" value="allow">'
        f"{escape(translate('consent.allow', language))}</button>"
        f'<button type="submit" class="secondary" name="decision" value="deny">'
        f"{escape(translate('consent.deny', language))}</button>"
        "</form>"
    )
    return _document(language, title, body)


def error_page(language: Language, message: str) -> str:
    title = translate("signin.title", language)
    return _document(
        language, title, f'<h1>{escape(title)}</h1><p class="error">{escape(message)}</p>'
    )
