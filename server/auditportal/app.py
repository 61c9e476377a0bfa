"""The ASGI application: /graphql, /oauth/*, /.well-known/*, /reports/{id}, /files/{id}
(evidence and its thumbnail), /healthz, /readyz, in debug mode /dev/login, and the web
portal at / (everything else)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq import create_pool
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from tortoise.contrib.starlette import RegisterTortoise

from auditportal.api.schema import build_schema
from auditportal.api.view import GraphQLView
from auditportal.audit.service import use_chain_key
from auditportal.auth.devlogin import dev_login
from auditportal.auth.keys import signing_key
from auditportal.auth.oauth.routes import oauth_routes
from auditportal.db import tortoise_config
from auditportal.evidence.endpoints import file_routes
from auditportal.exports.endpoints import export_routes
from auditportal.jobs import dispatch
from auditportal.jobs.embedded import EmbeddedRunner, schedule
from auditportal.jobs.tasks import load_requested_jobs
from auditportal.jobs.worker import redis_settings
from auditportal.keystore import field_keys, load_audit_chain_key
from auditportal.middleware import (
    BearerAuthMiddleware,
    BodySizeLimitMiddleware,
    RequestIdMiddleware,
)
from auditportal.reports.endpoints import report_routes
from auditportal.schema_state import pending_migrations
from auditportal.settings import Settings
from auditportal.web import web_routes

logger = logging.getLogger("auditportal")


class DatabaseNotMigrated(RuntimeError):
    pass


async def healthz(_: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(_: Request) -> JSONResponse:
    try:
        pending = await pending_migrations()
    except Exception as error:
        logger.warning("readiness check failed: %s", error)
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    if pending:
        return JSONResponse(
            {"status": "unavailable", "database": "ok", "pendingMigrations": pending},
            status_code=503,
        )
    return JSONResponse({"status": "ok", "database": "ok", "pendingMigrations": []})


def create_app(settings: Settings) -> Starlette:

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Generate keys on first run, before any request needs them.
        field_keys(settings)
        signing_key(settings)
        use_chain_key(load_audit_chain_key(settings))
        async with RegisterTortoise(app, config=tortoise_config(settings)):
            pending = await pending_migrations()
            if pending:
                raise DatabaseNotMigrated(
                    f"The database has {len(pending)} pending migration(s) "
                    f"({', '.join(pending)}). Run `auditportal migrate` first."
                )
            # The embedded default: no Redis, so the server runs the jobs itself. With
            # Redis, the server only enqueues and `auditportal worker` runs them.
            runner = None
            queue = None
            load_requested_jobs()
            if settings.redis_url:
                queue = await create_pool(redis_settings(settings))
                dispatch.use_queue(queue)
            elif settings.embedded_jobs:
                runner = EmbeddedRunner(
                    schedule(
                        settings.embedded_jobs_interval_seconds,
                        settings.crm_sync_interval_minutes * 60,
                    ),
                    settings,
                )
                runner.start()
            app.state.job_runner = runner
            try:
                yield
            finally:
                if runner is not None:
                    await runner.stop()
                if queue is not None:
                    dispatch.use_queue(None)
                    await queue.aclose()

    graphql = GraphQLView(build_schema(settings), settings)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        *oauth_routes(settings),
        *report_routes(settings),
        *export_routes(settings),
        *file_routes(settings),
    ]
    if settings.debug:
        routes.append(Route("/dev/login", dev_login(settings), methods=["POST"]))
    # Last: the web portal answers every path no API route took.
    routes += web_routes(settings)
    return Starlette(
        debug=False,  # never show tracebacks to clients, even in debug mode
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(BodySizeLimitMiddleware, settings=settings),
            Middleware(BearerAuthMiddleware, settings=settings),
        ],
    )
