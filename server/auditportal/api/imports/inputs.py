"""Inputs of the import and CRM mutations."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.file_uploads import Upload


@strawberry.enum(description="Text encodings of CSV files.")
class ImportEncoding(Enum):
    UTF8 = "utf-8-sig"
    GB18030 = "gb18030"


@strawberry.input(description="A customer file (a multipart request's file part).")
class UploadCustomerFileInput:
    file: Upload
    encoding: ImportEncoding | None = strawberry.field(
        default=None, description="CSV only; default: detected (UTF-8, else GB18030)."
    )
    tag_separator: str | None = strawberry.field(default=None, description="Default ','.")


@strawberry.input(description="One source column and the customer field it feeds.")
class ColumnMappingInput:
    column: str
    field: str


@strawberry.input
class SetImportMappingInput:
    import_id: strawberry.ID
    mapping: list[ColumnMappingInput]
    header_row: int | None = strawberry.field(default=None, description="1-based header row.")
    tag_separator: str | None = None
    encoding: ImportEncoding | None = None


@strawberry.input
class ImportIdInput:
    import_id: strawberry.ID


@strawberry.input(description="A secret to store (sealed) or to keep as it is when omitted.")
class CrmSecretInput:
    name: str
    value: str


@strawberry.input
class SaveCrmConnectionInput:
    connection_id: strawberry.ID | None = strawberry.field(
        default=None, description="Omit to create a connection."
    )
    kind: str = strawberry.field(description="zoho or fxiaoke.")
    name: str
    config: strawberry.scalars.JSON = strawberry.field(
        description="Non-secret settings: Zoho accountsUrl, clientId, module, apiVersion; "
        "Fxiaoke baseUrl, appId, currentOpenUserId, apiName."
    )
    field_mapping: list[ColumnMappingInput] = strawberry.field(
        description="CRM field -> customer field; default: the connector's standard fields."
    )
    secrets: list[CrmSecretInput] = strawberry.field(
        default_factory=list,
        description="Zoho clientSecret, refreshToken; Fxiaoke appSecret, permanentCode. "
        "Omitted secrets keep their stored value.",
    )
    active: bool = True


@strawberry.input
class CrmConnectionIdInput:
    connection_id: strawberry.ID
