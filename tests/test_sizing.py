"""How many server processes `auditportal serve` starts (README: Sizing)."""

from __future__ import annotations

import os

from auditportal.cli import build_parser, serve_workers
from tests.conftest import SETTINGS


def test_one_process_per_core_with_redis_one_without_and_as_asked() -> None:
    with_redis = SETTINGS.model_copy(update={"redis_url": "redis://127.0.0.1:6379/0"})
    embedded = SETTINGS.model_copy(update={"redis_url": None})
    assert serve_workers(with_redis, None) == (os.cpu_count() or 1)
    assert serve_workers(embedded, None) == 1
    assert serve_workers(with_redis, 3) == serve_workers(embedded, 3) == 3
    assert build_parser().parse_args(["serve"]).workers is None
    assert build_parser().parse_args(["serve", "--workers", "2"]).workers == 2
