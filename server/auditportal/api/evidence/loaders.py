"""A submission's attachments, one query per page of submissions."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from strawberry.dataloader import DataLoader

from auditportal.auth.principal import Principal
from auditportal.evidence import reads
from auditportal.evidence.models import Attachment


class EvidenceLoaders:
    def __init__(self, principal: Principal) -> None:
        async def load(ids: Sequence[UUID]) -> list[list[Attachment]]:
            found = await reads.attachments_of(principal, ids)
            return [found.get(i, []) for i in ids]

        self.of_submission: DataLoader[UUID, list[Attachment]] = DataLoader(load_fn=load)
