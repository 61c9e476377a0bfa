"""Consultant reads of one GraphQL request, appended to the audit trail after execution.

Resolvers and DataLoaders note what they read (``auditportal.audit.reads.note``); this
extension opens the request's log around execution and appends it once execution is over,
in one short transaction, whatever happened to the resolvers meanwhile. If the append
fails, the response carries no data: a consultant never gets records whose reading was not
recorded.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension

from auditportal.api.context import Context
from auditportal.audit.reads import ReadLog
from auditportal.auth.policy import reads_are_audited

logger = logging.getLogger("auditportal.graphql")


class RecordConsultantReads(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if not isinstance(context, Context) or not reads_are_audited(context.principal):
            yield
            return
        log = ReadLog(context.principal)
        with log.collecting():
            try:
                yield
            except BaseException:
                # Execution itself failed or was cancelled: what was read is still recorded.
                try:
                    await log.flush()
                except Exception:
                    logger.exception(
                        "consultant reads of request %s not recorded", context.request_id
                    )
                raise
        try:
            await log.flush()
        except Exception:
            logger.exception("consultant reads of request %s not recorded", context.request_id)
            self._withhold(context)

    def _withhold(self, context: Context) -> None:
        result = self.execution_context.result
        if isinstance(result, ExecutionResult):
            result.data = None
            result.errors = [
                GraphQLError(
                    context.t("access.read_audit_failed", request_id=context.request_id),
                    extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": context.request_id},
                )
            ]
