"""Per-request state every resolver can reach: the caller, their language, loaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from auditportal.auth.principal import Principal
from auditportal.i18n import translate
from auditportal.settings import Language, Settings

if TYPE_CHECKING:
    from auditportal.api.customers.loaders import CustomerLoaders
    from auditportal.api.evidence.loaders import EvidenceLoaders
    from auditportal.api.loaders import Loaders
    from auditportal.api.workflows.loaders import WorkflowLoaders


@dataclass
class Context:
    request: Request | None
    response: Response | None
    principal: Principal
    language: Language
    request_id: str
    settings: Settings
    loaders: Loaders = field(init=False)
    workflow_loaders: WorkflowLoaders = field(init=False)
    customer_loaders: CustomerLoaders = field(init=False)
    evidence_loaders: EvidenceLoaders = field(init=False)

    def __post_init__(self) -> None:
        from auditportal.api.loaders import Loaders
        from auditportal.api.workflows.loaders import WorkflowLoaders

        self.loaders = Loaders(self.principal)
        self.workflow_loaders = WorkflowLoaders()
        from auditportal.api.customers.loaders import CustomerLoaders

        self.customer_loaders = CustomerLoaders(self.loaders.reads)
        from auditportal.api.evidence.loaders import EvidenceLoaders

        self.evidence_loaders = EvidenceLoaders(self.principal)

    def t(self, key: str, /, **params: Any) -> str:
        return translate(key, self.language, **params)
