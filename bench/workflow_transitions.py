"""Workflow transitions per second, and the cost of the engine around a bare state write.

1. engine: ``workflows.instances.fire_transition`` - load the instance and its version,
   build the guard context, run the pure engine (roles, JsonLogic guard), then in one
   transaction the compare-and-set on lock_version, the history row, on-enter actions
   (assignment, SLA due time on the China working-day calendar) and the audit event.
2. bare (the baseline): the same compare-and-set UPDATE and history INSERT in a
   transaction, with the target state known in advance: no engine, guard, SLA or audit.

Sequential from one client, and with several concurrent clients. Each client moves its own
instances (never one another's): a shared round-robin could hand one instance to two clients
at once, and the bare path's compare-and-set then failed on a version another client had
already moved.

    .venv/bin/python bench/workflow_transitions.py [--backend postgres|sqlite] [--runs N] [--n N]
"""

from __future__ import annotations

# First: fixes the portal's settings (a temporary data folder) before auditportal is imported.
from support import (
    create_database,
    drop_database,
    median,
    print_table,
    record_ratio,
    remove_data_dir,
)

# isort: split
import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from auditportal.audit.service import use_chain_key
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.auth.users import create_user
from auditportal.db import tortoise_config
from auditportal.keystore import load_audit_chain_key
from auditportal.schema_state import migrate
from auditportal.settings import Settings
from auditportal.workflows import definitions, instances
from auditportal.workflows.models import WorkflowHistory, WorkflowInstance

SETTINGS = Settings()  # the environment bench.support fixed

SYSTEM = system_principal("bench")


def ping_pong() -> dict[str, object]:
    """Two states a manager moves between, guarded, with an SLA and an assignment."""

    def t(text: str) -> dict[str, str]:
        return {"zh-CN": text, "en": text}

    return {
        "key": "ping-pong",
        "title": t("Ping pong"),
        "subject": "customer",
        "states": {
            "open": {
                "title": t("Open"),
                "initial": True,
                "sla": {"due": {"workingDays": 2}, "escalate": "escalate"},
                "onEnter": [{"type": "assign", "to": {"role": "manager"}}],
            },
            "held": {"title": t("Held"), "sla": {"due": {"hours": 8}, "escalate": "escalate"}},
            "done": {"title": t("Done"), "final": True},
        },
        "transitions": [
            {"event": "hold", "from": ["open"], "to": "held", "roles": ["manager"],
             "guard": {"<": [{"var": "findings.count"}, 5]}},
            {"event": "release", "from": ["held"], "to": "open", "roles": ["manager"]},
            {"event": "escalate", "from": ["open", "held"], "to": "done", "roles": []},
        ],
    }  # fmt: skip


async def engine_mover(principal: Principal, instance_ids: list) -> Callable[[], Awaitable[None]]:
    """One client's moves, round-robin over the instances only this client moves."""
    state = dict.fromkeys(instance_ids, "open")
    position = 0

    async def one() -> None:
        nonlocal position
        instance_id = instance_ids[position % len(instance_ids)]
        position += 1
        event = "hold" if state[instance_id] == "open" else "release"
        fired = await instances.fire_transition(principal, instance_id, event, settings=SETTINGS)
        state[instance_id] = fired.move.to_state

    return one


async def bare_mover(instance_ids: list) -> Callable[[], Awaitable[None]]:
    """One client's bare moves over its own instances (rows cached: only it writes them)."""
    rows = {i.id: i for i in await WorkflowInstance.filter(id__in=instance_ids)}
    position = 0

    async def one() -> None:
        nonlocal position
        instance = rows[instance_ids[position % len(instance_ids)]]
        position += 1
        target = "held" if instance.state == "open" else "open"
        now = datetime.now(UTC)
        async with in_transaction():
            moved = await WorkflowInstance.filter(
                id=instance.id, lock_version=instance.lock_version
            ).update(state=target, state_entered_at=now, lock_version=instance.lock_version + 1)
            assert moved == 1
            await WorkflowHistory.create(
                instance_id=instance.id, sequence=instance.lock_version + 1,
                from_state=instance.state, to_state=target, event="bare", actor="bench",
                occurred_at=now,
            )  # fmt: skip
        instance.state, instance.lock_version = target, instance.lock_version + 1

    return one


async def timed(movers: list[Callable[[], Awaitable[None]]], n: int) -> float:
    """``n`` moves split over the clients, one mover each, all at once."""

    async def client(one: Callable[[], Awaitable[None]], count: int) -> None:
        for _ in range(count):
            await one()

    start = time.perf_counter()
    await asyncio.gather(*(client(one, n // len(movers)) for one in movers))
    return time.perf_counter() - start


def split(ids: list, clients: int) -> list[list]:
    """Disjoint instance sets, one per client."""
    return [ids[i::clients] for i in range(clients)]


async def run(backend: str, runs: int, n: int, clients: int) -> None:
    url, name = await create_database(backend, "transitions")
    settings = SETTINGS.model_copy(update={"database_url": url})
    try:
        await migrate(settings)
        use_chain_key(load_audit_chain_key(settings))
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
        manager = await create_user(SYSTEM, username="bench-manager", role=Role.MANAGER)
        principal = Principal(
            subject="user:bench-manager",
            role=Role.MANAGER,
            user_id=manager.id,
            scopes=default_scopes(Role.MANAGER),
        )
        saved = await definitions.save_draft(SYSTEM, ping_pong(), settings=SETTINGS)
        version = (await definitions.publish(SYSTEM, saved.id)).version

        async def fresh(count: int, label: str) -> list:
            return [
                (await instances.start(SYSTEM, version, subject_type="customer",
                                       subject_id=f"{label}{i}", start_key=f"{label}{i}",
                                       settings=SETTINGS)).id
                for i in range(count)
            ]  # fmt: skip

        results: dict[str, list[float]] = {}
        for run_number in range(runs):
            for parallel in (1, clients):
                engine_ids = await fresh(2 * parallel, f"e{run_number}-{parallel}-")
                bare_ids = await fresh(2 * parallel, f"b{run_number}-{parallel}-")
                engine = [await engine_mover(principal, ids) for ids in split(engine_ids, parallel)]
                bare = [await bare_mover(ids) for ids in split(bare_ids, parallel)]
                pairs = [("engine", engine), ("bare", bare)]
                if run_number % 2:
                    pairs.reverse()
                for label, movers in pairs:
                    seconds = await timed(movers, n)
                    results.setdefault(f"{label}@{parallel}", []).append(seconds)
        rows = []
        for parallel in (1, clients):
            base = median(results[f"bare@{parallel}"])
            for label in ("engine", "bare"):
                seconds = median(results[f"{label}@{parallel}"])
                ratio = "1.00x (baseline)" if label == "bare" else f"{seconds / base:.2f}x slower"
                if label == "engine":
                    figure = f"transition vs bare CAS+history, {parallel} client(s), {backend}"
                    record_ratio("workflow_transitions", figure, seconds / base, 2.0, "lower")
                rows.append([f"{label}, {parallel} client(s)", f"{n / seconds:,.0f}",
                             f"{1000 * seconds / n:.2f}", ratio])  # fmt: skip
        print_table(
            f"workflow_transitions: backend={backend}, {n} transitions per run, "
            f"median of {runs} runs",
            ["path", "transitions/s", "ms/transition", "time vs bare"],
            rows,
        )
    finally:
        await Tortoise.close_connections()
        await drop_database(name)
        remove_data_dir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    asyncio.run(run(args.backend, args.runs, args.n, args.clients))


if __name__ == "__main__":
    main()
