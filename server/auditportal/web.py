"""Serving the web portal's build (``web/dist``) at ``/``.

- ``/assets/*`` are content-hashed by Vite: cached for a year, immutable.
- ``index.html`` is never cached (a deploy must reach every browser at its next load) and
  carries a strict Content-Security-Policy with a fresh nonce per response: Vite writes the
  placeholder ``__CSP_NONCE__`` into its tags and a ``<meta property="csp-nonce">`` that the
  app hands to antd, whose CSS-in-JS inserts ``<style>`` elements at run time.
- Any other path that is not an API path answers ``index.html`` (client-side routes such as
  ``/work/123`` survive a reload); API prefixes keep their own 404s.
- Without a build (``make web`` not run) ``/`` explains how to build instead of a bare 404.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from auditportal.settings import Settings

NONCE_PLACEHOLDER = "__CSP_NONCE__"
# Paths that belong to the API: never answered with index.html, so a mistyped API URL is a
# real 404 (JSON) rather than a 200 HTML page a client would try to parse.
API_PREFIXES = (
    "graphql",
    "oauth/",
    "reports/",
    "files/",
    ".well-known/",
    "healthz",
    "readyz",
    "dev/",
)
_LONG_CACHE = "public, max-age=31536000, immutable"


def csp(nonce: str) -> str:
    # connect-src 'self': the GraphQL endpoint, the token endpoint and file downloads are all
    # on this origin. blob:/data: images: camera photos and signatures previewed before upload.
    return "; ".join(
        (
            "default-src 'self'",
            # No 'unsafe-eval': the forms' JSON Schema 2020-12 validator interprets each
            # schema (web/src/forms/validation) instead of compiling it into a function.
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            # React and antd set element.style through the CSSOM, which CSP does not govern;
            # a few antd parts write style attributes (rc-motion), so attributes stay allowed.
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def default_dist_dir() -> Path | None:
    """The build shipped inside the package (wheel, Docker image), else the checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "web_dist", here.parent.parent / "web" / "dist"):
        if (candidate / "index.html").is_file():
            return candidate
    return None


def _is_api_path(path: str) -> bool:
    return any(path == prefix.rstrip("/") or path.startswith(prefix) for prefix in API_PREFIXES)


def _not_found() -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": "Not found", "extensions": {"code": "NOT_FOUND"}}]},
        status_code=404,
    )


_NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Audit portal</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>The web portal is not built</h1><p>Run <code>make web</code> (or <code>make run</code>,
which builds it) and reload. The API is at <a href="/graphql">/graphql</a>.</p>
<p>网页门户尚未构建：请运行 <code>make web</code> 后刷新。</p></body></html>"""


def web_routes(settings: Settings, dist_dir: Path | None = None) -> list[BaseRoute]:
    """The catch-all route; add it after every API route."""
    root = dist_dir or settings.web_dist_dir or default_dist_dir()
    root = root.resolve() if root else None

    def index(request: Request) -> Response:
        nonce = secrets.token_urlsafe(18)
        assert root is not None
        html = (root / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(
            html.replace(NONCE_PLACEHOLDER, nonce),
            headers={
                "Cache-Control": "no-cache",
                "Content-Security-Policy": csp(nonce),
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "same-origin",
                "X-Frame-Options": "DENY",
            },
        )

    async def serve(request: Request) -> Response:
        path = request.path_params.get("path", "")
        if _is_api_path(path):
            return _not_found()
        # Checked per request: `make web` may finish after the server started.
        if root is None or not (root / "index.html").is_file():
            return HTMLResponse(_NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
        if path and path != "index.html":
            file = (root / path).resolve()
            if file.is_relative_to(root) and file.is_file():
                hashed = path.startswith("assets/")
                return FileResponse(
                    file,
                    headers={
                        "Cache-Control": _LONG_CACHE if hashed else "public, max-age=3600",
                        "X-Content-Type-Options": "nosniff",
                    },
                )
            if path.startswith("assets/") or "." in path.rsplit("/", 1)[-1]:
                # A missing hashed asset (an old tab after a deploy) must not get HTML back.
                return _not_found()
        return index(request)

    return [Route("/{path:path}", serve, methods=["GET", "HEAD"])]
