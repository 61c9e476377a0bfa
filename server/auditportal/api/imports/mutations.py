"""Import and CRM mutations: thin calls into ``auditportal.imports``."""

from __future__ import annotations

from typing import Annotated, Any, cast

import strawberry
from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.errors import (
    Conflict,
    NotAllowed,
    NotFound,
    ValidationFailed,
    run_mutation,
)
from auditportal.api.imports import inputs
from auditportal.api.imports.crm_types import CrmConnectionNode
from auditportal.api.imports.types import CustomerImportNode
from auditportal.api.policy import requires
from auditportal.api.relay import input_id
from auditportal.auth.policy import Permission
from auditportal.errors import FieldIssue
from auditportal.errors import ValidationFailed as DomainValidationFailed
from auditportal.imports import connections
from auditportal.imports import service as imports


@strawberry.type(description="The file is stored; check the detected header and mapping.")
class CustomerFileUploaded:
    customer_import: CustomerImportNode


@strawberry.type(description="The mapping is saved; a dry run with it may start.")
class ImportMappingSet:
    customer_import: CustomerImportNode


@strawberry.type(description="The dry run was requested; follow its progress on the import.")
class ImportDryRunStarted:
    customer_import: CustomerImportNode


@strawberry.type(description="The commit was requested; follow its progress on the import.")
class ImportCommitStarted:
    customer_import: CustomerImportNode


@strawberry.type(description="The connection is saved (secrets sealed).")
class CrmConnectionSaved:
    connection: CrmConnectionNode


@strawberry.type(description="A sync was requested.")
class CrmSyncRequested:
    connection: CrmConnectionNode
    job_id: strawberry.ID


def _union(name: str, success: type) -> Any:
    return Annotated[
        success | ValidationFailed | NotAllowed | NotFound | Conflict,
        strawberry.union(name),
    ]


UploadCustomerFileResult = _union("UploadCustomerFileResult", CustomerFileUploaded)
SetImportMappingResult = _union("SetImportMappingResult", ImportMappingSet)
StartImportDryRunResult = _union("StartImportDryRunResult", ImportDryRunStarted)
CommitImportResult = _union("CommitImportResult", ImportCommitStarted)
SaveCrmConnectionResult = _union("SaveCrmConnectionResult", CrmConnectionSaved)
SyncCrmConnectionNowResult = _union("SyncCrmConnectionNowResult", CrmSyncRequested)


@strawberry.type
class ImportMutations:
    @strawberry.mutation(
        description="Upload a CSV (UTF-8 or GB18030) or XLSX file of customers (multipart).",
        extensions=requires(Permission.CUSTOMERS_IMPORT),
    )
    async def upload_customer_file(
        self, info: Info[Context, Any], input: inputs.UploadCustomerFileInput
    ) -> UploadCustomerFileResult:  # type: ignore[valid-type]
        async def action() -> CustomerFileUploaded:
            file, encoding = input.file, input.encoding
            read = getattr(file, "read", None)
            if not callable(read):  # a JSON request naming no multipart file part
                issue = FieldIssue(("file",), "import.file.missing")
                raise DomainValidationFailed("error.invalid_input", [issue], count=1)
            record = await imports.upload(
                info.context.principal,
                file_name=getattr(file, "filename", None) or "upload",
                read=read,
                encoding=encoding.value if encoding else None,
                tag_separator=input.tag_separator or ",",
                settings=info.context.settings,
            )
            return CustomerFileUploaded(customer_import=CustomerImportNode(model=record))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_IMPORT))
    async def set_import_mapping(
        self, info: Info[Context, Any], input: inputs.SetImportMappingInput
    ) -> SetImportMappingResult:  # type: ignore[valid-type]
        async def action() -> ImportMappingSet:
            record = await imports.set_mapping(
                info.context.principal,
                input_id(input.import_id, "CustomerImport", "importId"),
                mapping={item.column: item.field for item in input.mapping},
                header_row=input.header_row,
                tag_separator=input.tag_separator,
                encoding=input.encoding.value if input.encoding else None,
                settings=info.context.settings,
            )
            return ImportMappingSet(customer_import=CustomerImportNode(model=record))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CUSTOMERS_IMPORT))
    async def start_import_dry_run(
        self, info: Info[Context, Any], input: inputs.ImportIdInput
    ) -> StartImportDryRunResult:  # type: ignore[valid-type]
        async def action() -> ImportDryRunStarted:
            record = await imports.start_dry_run(
                info.context.principal, input_id(input.import_id, "CustomerImport", "importId")
            )
            return ImportDryRunStarted(customer_import=CustomerImportNode(model=record))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(
        description="Write the import: only after a successful dry run with the same mapping.",
        extensions=requires(Permission.CUSTOMERS_IMPORT),
    )
    async def commit_import(
        self, info: Info[Context, Any], input: inputs.ImportIdInput
    ) -> CommitImportResult:  # type: ignore[valid-type]
        async def action() -> ImportCommitStarted:
            record = await imports.commit(
                info.context.principal, input_id(input.import_id, "CustomerImport", "importId")
            )
            return ImportCommitStarted(customer_import=CustomerImportNode(model=record))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CRM_MANAGE))
    async def save_crm_connection(
        self, info: Info[Context, Any], input: inputs.SaveCrmConnectionInput
    ) -> SaveCrmConnectionResult:  # type: ignore[valid-type]
        async def action() -> CrmConnectionSaved:
            connection = await connections.save_connection(
                info.context.principal,
                connection_id=input_id(input.connection_id, "CrmConnection", "connectionId")
                if input.connection_id
                else None,
                kind=input.kind,
                name=input.name,
                config=dict(cast(dict[str, Any], input.config or {})),
                field_mapping={item.column: item.field for item in input.field_mapping},
                secrets={item.name: item.value for item in input.secrets},
                active=input.active,
                settings=info.context.settings,
            )
            return CrmConnectionSaved(connection=CrmConnectionNode(model=connection))

        return await run_mutation(info, action, "input")

    @strawberry.mutation(extensions=requires(Permission.CRM_MANAGE))
    async def sync_crm_connection_now(
        self, info: Info[Context, Any], input: inputs.CrmConnectionIdInput
    ) -> SyncCrmConnectionNowResult:  # type: ignore[valid-type]
        async def action() -> CrmSyncRequested:
            connection, run = await connections.request_sync(
                info.context.principal,
                input_id(input.connection_id, "CrmConnection", "connectionId"),
            )
            return CrmSyncRequested(
                connection=CrmConnectionNode(model=connection), job_id=strawberry.ID(str(run.id))
            )

        return await run_mutation(info, action, "input")
