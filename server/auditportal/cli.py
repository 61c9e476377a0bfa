"""The `auditportal` command: serve, worker, migrate, load, export-schema, create-user, ..."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from auditportal.settings import Settings


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if settings.log_level.upper() != "DEBUG":
        # WeasyPrint logs every layout step of every page at INFO: at the demo's first start
        # that buried the admin's one-time password under a screen of render progress.
        for chatty in ("weasyprint", "weasyprint.progress", "fontTools"):
            logging.getLogger(chatty).setLevel(logging.WARNING)


async def _with_orm(settings: Settings, work: Callable[[], Awaitable[int]]) -> int:
    # Imported here, not at the top: `auditportal --help` and argument errors stay fast.
    from tortoise import Tortoise

    from auditportal.audit.service import use_chain_key
    from auditportal.db import tortoise_config
    from auditportal.keystore import load_audit_chain_key
    from auditportal.schema_state import pending_migrations

    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings))
    try:
        pending = await pending_migrations()
        if pending:
            print(
                f"The database has pending migrations ({', '.join(pending)}); "
                "run `auditportal migrate` first.",
                file=sys.stderr,
            )
            return 2
        return await work()
    finally:
        await Tortoise.close_connections()


def cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    from auditportal.auth.keys import load_signing_key
    from auditportal.keystore import load_audit_chain_key, load_field_keys
    from auditportal.schema_state import migrate

    asyncio.run(migrate(settings))
    # Generate keys here, once, so that API replicas sharing the data folder never race
    # to create them on their first start.
    if settings.field_encryption_keys is None:
        load_field_keys(settings)
    if settings.audit_chain_key is None:
        load_audit_chain_key(settings)
    load_signing_key(settings)
    asyncio.run(_with_orm(settings, lambda: _ensure_web_client(settings)))
    print("Database schema is current; keys are in place.")
    return 0


async def _ensure_web_client(settings: Settings) -> int:
    from auditportal.auth.clients import ensure_web_client

    client, changed = await ensure_web_client(settings)
    if changed:
        print(f"Web client {client.client_id}: redirect URIs {' '.join(client.redirect_uris)}")
    return 0


async def _load_calendar(loader: Any, path: Path) -> int:
    from auditportal.errors import ValidationFailed
    from auditportal.holidays import service as holidays

    try:
        entries = holidays.read_file(path)
        saved = await holidays.set_days(loader, entries)
    except ValidationFailed as error:
        print(f"Calendar not loaded: {path}", file=sys.stderr)
        for issue in error.issues:
            print(f"  {issue.pointer or '/'}: {issue.code} {issue.params}", file=sys.stderr)
        return 1
    off = sum(1 for day in saved if not day.working)
    print(f"calendar: {len(saved)} days ({off} holidays, {len(saved) - off} make-up workdays)")
    return 0


def cmd_load(settings: Settings, args: argparse.Namespace) -> int:
    from auditportal.auth.principal import system_principal
    from auditportal.errors import ValidationFailed
    from auditportal.forms.loader import DefinitionFileError, load_form_directory
    from auditportal.workflows.definitions import load_directory as load_workflows

    forms_dir = Path(args.forms_dir) if args.forms_dir else settings.forms_dir
    workflows_dir = Path(args.workflows_dir) if args.workflows_dir else settings.workflows_dir
    loader = system_principal("loader")

    async def work() -> int:
        if args.calendar:
            return await _load_calendar(loader, Path(args.calendar))
        try:
            outcomes = await load_form_directory(loader, forms_dir, settings)
        except DefinitionFileError as error:
            print(f"Not loaded: {error.path}", file=sys.stderr)
            for issue in getattr(error.error, "issues", []):
                print(f"  {issue.pointer or '/'}: {issue.code} {issue.params}", file=sys.stderr)
            return 1
        for outcome in outcomes:
            state = "published" if outcome.created else "unchanged"
            print(f"{outcome.key}: version {outcome.version} ({state})")
        if workflows_dir.is_dir():
            try:
                loaded = await load_workflows(loader, workflows_dir, settings)
            except ValidationFailed as error:
                print("Workflows not loaded:", file=sys.stderr)
                for issue in error.issues:
                    print(f"  {issue.pointer or '/'}: {issue.code} {issue.params}", file=sys.stderr)
                return 1
            for workflow in loaded:
                state = "published" if workflow.created else "unchanged"
                print(f"workflow {workflow.key}: version {workflow.version} ({state})")
        return await _ensure_web_client(settings)

    return asyncio.run(_with_orm(settings, work))


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> int:
    from auditportal.auth.principal import Role, system_principal
    from auditportal.auth.users import create_user, temporary_password
    from auditportal.customers.service import ensure_customer
    from auditportal.errors import DomainError
    from auditportal.i18n import translate

    password = None
    if args.one_time_password:
        password = temporary_password()
    elif args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif args.ask_password:
        password = getpass.getpass("Password: ")

    async def work() -> int:
        from auditportal.auth.users import active_user_by_username

        actor = system_principal("cli")
        if args.if_missing and await active_user_by_username(args.username) is not None:
            print(f"User {args.username} exists; nothing to do.")
            return 0
        customer_id = None
        if args.customer:
            customer = await ensure_customer(
                actor, args.customer, args.customer_name or args.customer
            )
            customer_id = customer.id
        try:
            user = await create_user(
                actor,
                username=args.username,
                role=Role(args.role),
                display_name=args.display_name or "",
                email=args.email,
                password=password,
                customer_id=customer_id,
                one_time=args.one_time_password,
            )
        except DomainError as error:
            print(translate(error.message_key, "en", **error.params), file=sys.stderr)
            return 1
        print(f"Created {user.role.value} {user.username} ({user.id}).")
        if args.one_time_password:
            # Shown this once; only its hash is stored. The first sign-in replaces it.
            print(
                f"One-time password for {user.username} / {user.username} 的一次性密码: {password}"
            )
            print(
                "Sign in with it at the address below; you will choose a new password. / "
                "请用它在下方地址登录，登录时需设置新密码。"
            )
        return 0

    return asyncio.run(_with_orm(settings, work))


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from auditportal.demo.load import DemoUnavailable, load_demo, remove_demo

    async def work() -> int:
        if args.remove:
            counts = await remove_demo()
            print(f"Demo organisation removed / 演示组织已删除: {json.dumps(counts)}")
            return 0
        try:
            report = await load_demo(settings, customer_count=args.customers)
        except DemoUnavailable as missing:
            print(
                f"The demo needs the built-in forms and workflows ({missing}); "
                "run `auditportal load` first.",
                file=sys.stderr,
            )
            return 1
        if not report.loaded:
            print(
                "The demo organisation is already loaded; `auditportal demo --remove`, then "
                "`auditportal demo` loads it afresh (with new passwords)."
            )
            return 0
        print("Demo organisation loaded / 演示组织已加载 (labelled DEMO- / demo- / 演示):")
        print("  " + ", ".join(f"{key} {value}" for key, value in report.counts.items()))
        print("  Demo accounts (passwords shown once) / 演示账户（密码仅显示一次）:")
        for account in report.accounts:
            of = f" of {account.customer_code}" if account.customer_code else ""
            print(
                f"    {account.username:<16} {account.password}  "
                f"{account.role.value}{of}  {account.display_name}"
            )
        print("  Remove it with / 删除: auditportal demo --remove")
        return 0

    return asyncio.run(_with_orm(settings, work))


def cmd_audit_verify(settings: Settings, _: argparse.Namespace) -> int:
    from auditportal.audit.service import verify_chain

    async def work() -> int:
        report = await verify_chain()
        if report.ok:
            print(f"Audit trail intact: {report.checked} event(s) verified.")
            if report.legacy:
                print(
                    f"  {report.legacy} of them are legacy events from before the chain was "
                    "keyed: verified by plain hash links only, so a rewrite of those that "
                    "recomputes the hashes after it is not detectable."
                )
            if report.checkpoint_count is None:
                print("  No signed checkpoint yet: truncation cannot be detected.")
            else:
                print(
                    f"  Matches the newest signed checkpoint ({report.checkpoint_count} "
                    "event(s)); events after it are verified by their keyed hashes only."
                )
            return 0
        print(
            f"Audit trail BROKEN at event {report.first_broken_id}: {report.reason} "
            f"({report.checked} event(s) before it verified).",
            file=sys.stderr,
        )
        return 1

    return asyncio.run(_with_orm(settings, work))


def cmd_audit_checkpoint(settings: Settings, _: argparse.Namespace) -> int:
    from auditportal.audit.service import write_checkpoint

    async def work() -> int:
        checkpoint = await write_checkpoint()
        if checkpoint is None:
            print("The audit trail is empty: no checkpoint written.")
        else:
            print(
                f"Checkpoint {checkpoint.id}: {checkpoint.event_count} event(s), head "
                f"{checkpoint.head_id} {checkpoint.head_hash}, signature {checkpoint.signature}"
            )
        return 0

    return asyncio.run(_with_orm(settings, work))


def cmd_schedule(settings: Settings, args: argparse.Namespace) -> int:
    """A scheduling pass now, in this process, recorded as a job run like a worker's."""
    from uuid import UUID

    from auditportal.jobs import dispatch, names
    from auditportal.jobs.runs import execute
    from auditportal.jobs.tasks import load_requested_jobs

    async def work() -> int:
        load_requested_jobs()
        arguments: dict[str, Any] = {"planId": str(UUID(args.plan))} if args.plan else {}
        if args.batch_size:
            arguments["batchSize"] = args.batch_size
        run = await dispatch.enqueue(names.SCHEDULE_INSPECTIONS, arguments)
        outcome = await execute(run.id, settings)
        await run.refresh_from_db()
        print(json.dumps({"run": str(run.id), "status": run.status.value, **(run.result or {})}))
        if run.error:
            print(run.error, file=sys.stderr)
        return 0 if outcome.status is not None and run.status.value == "succeeded" else 1

    return asyncio.run(_with_orm(settings, work))


def cmd_create_client(settings: Settings, args: argparse.Namespace) -> int:
    from auditportal.auth.clients import register_client
    from auditportal.auth.principal import system_principal
    from auditportal.errors import DomainError
    from auditportal.i18n import translate

    grant_types = args.grant_type or ["client_credentials"]
    if "authorization_code" in grant_types and not args.redirect_uri:
        print("--redirect-uri is required for authorization_code clients.", file=sys.stderr)
        return 2

    async def work() -> int:
        try:
            registered = await register_client(
                system_principal("cli"),
                client_id=args.client_id,
                name=args.name or args.client_id,
                grant_types=grant_types,
                redirect_uris=args.redirect_uri or [],
                allowed_scopes=" ".join(args.scope or []).split(),
                confidential=not args.public,
                first_party=args.first_party,
            )
        except DomainError as error:
            print(translate(error.message_key, "en", **error.params), file=sys.stderr)
            return 1
        print(f"Created client {registered.client.client_id}.")
        if registered.secret is not None:
            # Shown once, on stdout only; only its argon2 hash is stored.
            print(f"client_secret: {registered.secret}")
            print("Store the secret now: it cannot be shown again.")
        return 0

    return asyncio.run(_with_orm(settings, work))


def cmd_keys_rotate(settings: Settings, _: argparse.Namespace) -> int:
    from auditportal.auth.keys import rotate_signing_key

    retired, active = rotate_signing_key(settings)
    print(
        f"Signing key rotated: new key {active}; {retired} stays published until its tokens expire."
    )
    return 0


def cmd_export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from auditportal.api.schema import build_schema

    sdl = build_schema(settings).as_str() + "\n"
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl, encoding="utf-8")
        print(f"Wrote {args.output}")
    return 0


def serve_workers(settings: Settings, asked: int | None) -> int:
    """How many server processes: as asked, else one per core in the production setup.

    With Redis the server only enqueues jobs (``auditportal worker`` runs them), so every
    core can serve requests. Without Redis the server runs the jobs itself and usually sits
    on SQLite, both of which belong to one process: one worker unless told otherwise.
    """
    if asked is not None:
        return asked
    if settings.redis_url:
        return os.cpu_count() or 1
    return 1


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    host = args.host or settings.host
    port = args.port or settings.port
    # The flags are settings like any other: the issuer, jwks_uri and every endpoint the
    # discovery document publishes derive from the host and port actually served.
    settings = settings.model_copy(update={"host": host, "port": port})
    base = settings.public_url.rstrip("/") if settings.public_url else f"http://{host}:{port}"
    print(
        f"\n  Audit portal / 客户稽核管理门户: {base}/\n"
        "  Sign in as admin with the one-time password printed at the first start (you then\n"
        "  choose your own), or as a demo user with the passwords `auditportal demo` printed.\n",
        flush=True,
    )
    if settings.debug:
        print(
            f"  GraphiQL: {base}/graphql\n"
            f"  Sign in (development): curl -X POST http://{host}:{port}/dev/login "
            '-d \'{"username": "admin"}\'\n'
            "  then send the access_token as 'Authorization: Bearer <token>'.\n",
            flush=True,
        )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": settings.log_level.lower(),
        "proxy_headers": True,
    }
    workers = serve_workers(settings, args.workers)
    if workers <= 1:
        from auditportal.app import create_app

        uvicorn.run(create_app(settings), **options)
        return 0
    # Several workers are separate processes that each build the app from the environment
    # (auditportal.asgi): hand the flags down through it.
    os.environ["AUDITPORTAL_HOST"] = host
    os.environ["AUDITPORTAL_PORT"] = str(port)
    uvicorn.run("auditportal.asgi:application", factory=True, workers=workers, **options)
    return 0


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from auditportal.jobs.worker import run_worker

    if not settings.redis_url:
        print(
            "AUDITPORTAL_REDIS_URL is not set: without Redis the server runs jobs itself.",
            file=sys.stderr,
        )
        return 2
    run_worker(settings, burst=args.burst)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="auditportal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the web server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument(
        "--workers",
        type=int,
        help="server processes (default: one per core with Redis, else 1)",
    )
    serve.set_defaults(handler=cmd_serve)

    worker = commands.add_parser("worker", help="run an ARQ job worker")
    worker.add_argument("--burst", action="store_true", help="exit once the queue is empty")
    worker.set_defaults(handler=cmd_worker)
    schedule = commands.add_parser(
        "schedule", help="run an inspection scheduling pass now (every active plan, or one)"
    )
    schedule.add_argument("--plan", help="an inspection plan's id (UUID); default: all active")
    schedule.add_argument("--batch-size", type=int, help="customers per transaction")
    schedule.set_defaults(handler=cmd_schedule)
    commands.add_parser("migrate", help="apply database migrations").set_defaults(
        handler=cmd_migrate
    )

    load = commands.add_parser("load", help="load and publish form definitions from files")
    load.add_argument("--forms-dir", help="default: forms/ under AUDITPORTAL_ROOT_DIR")
    load.add_argument("--workflows-dir", help="default: workflows/ under AUDITPORTAL_ROOT_DIR")
    load.add_argument(
        "--calendar",
        help='a JSON file of holidays and make-up workdays: {"days": [{"day": "2027-01-01", '
        '"working": false, "note": "元旦"}]}',
    )
    load.set_defaults(handler=cmd_load)

    export = commands.add_parser("export-schema", help="print the GraphQL schema (SDL)")
    export.add_argument("--output", "-o", default="-")
    export.set_defaults(handler=cmd_export_schema)

    user = commands.add_parser("create-user", help="create an account")
    user.add_argument("username")
    user.add_argument(
        "--role",
        required=True,
        choices=["admin", "manager", "auditor", "customer", "consultant", "service"],
    )
    user.add_argument("--display-name")
    user.add_argument("--email")
    user.add_argument("--customer", help="customer code (required for the customer role)")
    user.add_argument("--customer-name", help="name, if the customer does not exist yet")
    user.add_argument(
        "--if-missing", action="store_true", help="succeed quietly if the user already exists"
    )
    secret = user.add_mutually_exclusive_group()
    secret.add_argument("--ask-password", action="store_true", help="prompt for a password")
    secret.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    secret.add_argument(
        "--one-time-password",
        action="store_true",
        help="generate a password, print it once; it must be changed at the first sign-in",
    )
    user.set_defaults(handler=cmd_create_user)

    client = commands.add_parser("create-client", help="register an OAuth client")
    client.add_argument("client_id")
    client.add_argument("--name")
    client.add_argument(
        "--grant-type",
        action="append",
        choices=["client_credentials", "authorization_code", "refresh_token"],
        help="repeatable; default client_credentials",
    )
    client.add_argument("--redirect-uri", action="append", help="repeatable; exact match")
    client.add_argument("--scope", action="append", help="allowed scopes (repeatable)")
    client.add_argument("--public", action="store_true", help="no secret (PKCE only)")
    client.add_argument("--first-party", action="store_true", help="skip the consent page")
    client.set_defaults(handler=cmd_create_client)

    keys = commands.add_parser("keys", help="signing keys")
    keys_commands = keys.add_subparsers(dest="keys_command", required=True)
    keys_commands.add_parser("rotate", help="make a new signing key").set_defaults(
        handler=cmd_keys_rotate
    )

    demo = commands.add_parser("demo", help="load (or --remove) the labelled demo organisation")
    demo.add_argument("--remove", action="store_true", help="delete the demo organisation")
    demo.add_argument("--customers", type=int, default=300, help="how many demo customers")
    demo.set_defaults(handler=cmd_demo)

    audit = commands.add_parser("audit", help="audit trail tools")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    audit_commands.add_parser(
        "verify", help="check the keyed hash chain against the signed checkpoints"
    ).set_defaults(handler=cmd_audit_verify)
    audit_commands.add_parser(
        "checkpoint", help="sign the trail's count and head now (a job does it hourly)"
    ).set_defaults(handler=cmd_audit_checkpoint)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    settings = Settings()  # the environment, read here once for the whole command
    _configure_logging(settings)
    handler: Callable[[Settings, Any], int] = args.handler
    sys.exit(handler(settings, args))
