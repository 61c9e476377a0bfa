"""One typed settings object, read from ``AUDITPORTAL_*`` environment variables.

With nothing set, the portal runs embedded: a SQLite file and generated keys under the
data folder, jobs in-process. Setting ``AUDITPORTAL_DATABASE_URL`` (PostgreSQL) and
``AUDITPORTAL_REDIS_URL`` scales the same code out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

Language = Literal["zh-CN", "en"]


_LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUDITPORTAL_", extra="ignore")

    root_dir: Path = Field(
        default_factory=Path.cwd,
        description="Folder holding schema/ and forms/ (the repository or image root).",
    )
    data_dir: Path = Field(
        default=Path("var"),
        description="Folder for the SQLite file and generated keys (created owner-only).",
    )
    database_url: str | None = Field(
        default=None,
        description="sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB (default: SQLite file).",
    )
    redis_url: str | None = Field(
        default=None,
        description="redis://HOST:PORT/DB: the queue `auditportal worker` (ARQ) serves.",
    )
    embedded_jobs: bool = Field(
        default=True,
        description="Without a Redis URL, run the periodic jobs (SLA, outbox) in the server.",
    )
    embedded_jobs_interval_seconds: float = Field(
        default=60.0, description="How often the embedded runner checks for overdue work."
    )
    timezone: str = Field(
        default="Asia/Shanghai", description="Time zone of working days and SLA due times."
    )
    report_org_name: str = Field(
        default="", description="Organisation name in the header of rendered reports."
    )
    report_logo_path: str = Field(
        default="", description="PNG, JPEG or SVG logo in the header of rendered reports."
    )
    working_calendar: Literal["china", "weekdays"] = Field(
        default="china",
        description="china: official holidays and make-up workdays; weekdays: Monday-Friday.",
    )
    extra_holidays: str = Field(
        default="", description="Comma-separated dates (YYYY-MM-DD) that are not working days."
    )
    extra_workdays: str = Field(
        default="", description="Comma-separated dates (YYYY-MM-DD) that are working days."
    )
    queue_name: str = Field(
        default="auditportal:queue", description="The Redis list ARQ jobs are queued on."
    )
    customer_attributes_form: str = Field(
        default="customer-profile",
        description="Key of the form whose newest published version validates customers' "
        "custom attributes.",
    )
    job_timeout_seconds: int = Field(
        default=3600,
        description="Longest a requested job (an import, a scheduling pass) may run; a killed "
        "worker's job is retried this long plus 10 s later.",
    )
    debug: bool = Field(default=False, description="GraphiQL and the development sign-in.")
    host: str = Field(default="127.0.0.1", description="Address `serve` binds.")
    port: int = Field(default=8000, description="Port `serve` binds.")
    public_url: str | None = Field(
        default=None,
        description="External base URL, the token issuer; default http://HOST:PORT.",
    )
    default_language: Language = Field(
        default="zh-CN", description="Language when a request names none (zh-CN or en)."
    )
    audit_chain_key: SecretStr | None = Field(
        default=None,
        description=(
            "HMAC key of the audit chain and its checkpoints, 'kid:base64(32 bytes)'; "
            "default: a key file generated in data_dir. Keep it outside the database."
        ),
    )
    field_encryption_keys: SecretStr | None = Field(
        default=None,
        description=(
            "Sensitive-field keys 'kid:base64key,...' (the first encrypts); "
            "default: a key file generated in data_dir."
        ),
    )
    access_token_ttl_seconds: int = Field(default=3600, description="Lifetime of access tokens.")
    refresh_token_ttl_seconds: int = Field(
        default=30 * 24 * 3600, description="Lifetime of refresh tokens (each use rotates them)."
    )
    authorization_code_ttl_seconds: int = Field(
        default=120, description="Lifetime of OAuth authorization codes."
    )
    id_token_ttl_seconds: int = Field(default=3600, description="Lifetime of ID tokens.")
    signin_form_ttl_seconds: int = Field(
        default=900, description="How long a sign-in or consent page stays valid."
    )
    login_max_failures: int = Field(
        default=5, description="Failed sign-ins per account before it is locked for a while."
    )
    login_max_failures_per_ip: int = Field(
        default=20, description="Failed sign-ins per client IP before it is locked for a while."
    )
    login_failure_window_seconds: int = Field(
        default=900, description="Window in which failed sign-ins are counted."
    )
    login_lockout_seconds: int = Field(
        default=900, description="How long an account or IP stays locked."
    )
    web_dist_dir: Path | None = Field(
        default=None,
        description="The web portal's build served at /; default: the packaged one, else web/dist.",
    )
    web_client_redirect_uri: str | None = Field(
        default=None,
        description="Redirect URI of the first-party web client, the only one when set; "
        "default <public url>/callback (on a loopback address under both 127.0.0.1 and "
        "localhost), plus the development origins' /callback when debug is on.",
    )
    web_dev_origins: list[str] = Field(
        default=["http://localhost:5173", "http://127.0.0.1:5173"],
        description="Origins of the web's development server (Vite): the web client may "
        "return there after sign-in, when debug is on.",
    )
    oidc_provider_issuer: str | None = Field(
        default=None,
        description="Issuer URL of an external OpenID Connect provider to sign in through.",
    )
    oidc_provider_name: str = Field(
        default="SSO", description="Name of the external provider on the sign-in page."
    )
    oidc_provider_client_id: str | None = Field(
        default=None, description="This portal's client id at the external provider."
    )
    oidc_provider_client_secret: SecretStr | None = Field(
        default=None, description="This portal's client secret at the external provider."
    )
    oidc_provider_scopes: str = Field(
        default="openid profile email", description="Scopes asked of the external provider."
    )
    oidc_provider_role_claim: str = Field(
        default="roles", description="Claim of the external ID token that carries roles."
    )
    oidc_provider_role_map: str = Field(
        default="",
        description="'claim value:role,...' mapping external roles to portal roles (first wins).",
    )
    oidc_provider_default_role: str | None = Field(
        default=None, description="Role when no mapping matches; unset refuses the sign-in."
    )
    max_query_depth: int = Field(default=10, description="Deepest GraphQL selection allowed.")
    max_aliases: int = Field(default=15, description="Most aliases in one GraphQL document.")
    max_tokens: int = Field(default=2000, description="Most tokens in one GraphQL document.")
    max_query_cost: int = Field(
        default=25_000,
        description="Largest estimated cost of one GraphQL operation: each field counts 1, "
        "times the items of every list above it (a page's `first`, or the default page size).",
    )
    query_cost_list_size: int = Field(
        default=10,
        description="Items the cost estimate assumes for a list field that is not paginated.",
    )
    max_body_bytes: int = Field(default=1_048_576, description="Largest request body accepted.")
    max_page_size: int = Field(default=100, description="Largest `first` of a connection.")
    max_upload_bytes: int = Field(
        default=50 * 1024 * 1024,
        description="Largest file upload (a multipart GraphQL request, e.g. a customer import); "
        "other requests keep max_body_bytes.",
    )
    import_batch_size: int = Field(
        default=1000, description="Rows a customer import reads, checks and writes per batch."
    )
    import_rejection_sample: int = Field(
        default=200, description="Rejected rows an import keeps with row and reason (all counted)."
    )
    import_file_retention_days: int = Field(
        default=30,
        description="Days an uploaded customer file is kept after its import was last touched.",
    )
    import_audit_per_customer: bool = Field(
        default=True,
        description="One audit event per imported customer (else one per batch of an import).",
    )
    crm_sync_interval_minutes: int = Field(
        default=60, description="How often every active CRM connection is synced incrementally."
    )
    crm_request_timeout_seconds: float = Field(
        default=30.0, description="Timeout of one request to a CRM's API."
    )
    default_page_size: int = Field(default=20, description="`first` when a query names none.")
    max_draft_bytes: int = Field(
        default=256 * 1024,
        description="Largest answers document a form draft may hold (its JSON, in bytes).",
    )
    storage_backend: Literal["filesystem"] = Field(
        default="filesystem",
        description="Where uploaded files live: filesystem (storage_dir; in a scaled-out "
        "deployment a volume every API replica and worker mounts).",
    )
    storage_dir: Path | None = Field(
        default=None,
        description="Folder of the filesystem storage; default <data_dir>/files.",
    )
    attachment_retention_days: int = Field(
        default=7,
        description="Days an upload no submission took (and whose draft is gone) is kept.",
    )
    max_attachment_bytes: int = Field(
        default=20 * 1024 * 1024,
        description="Largest evidence file (a field's x-attachment maxBytes may lower it).",
    )
    log_level: str = Field(default="INFO", description="Python logging level.")

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite://{(self.data_dir / 'auditportal.sqlite3').resolve()}"

    @property
    def issuer(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def web_redirect_uri(self) -> str:
        return self.web_client_redirect_uri or f"{self.issuer}/callback"

    @property
    def web_redirect_uris(self) -> list[str]:
        """Where the first-party web client may return after sign-in (exact matches)."""
        if self.web_client_redirect_uri:
            return [self.web_client_redirect_uri]
        origins = [self.issuer]
        served = urlsplit(self.issuer)
        if served.hostname in _LOOPBACK_HOSTS:
            # A browser opened at localhost or at 127.0.0.1 is the same portal.
            port = f":{served.port}" if served.port else ""
            origins += [f"{served.scheme}://{host}{port}" for host in _LOOPBACK_HOSTS]
        if self.debug:
            origins += self.web_dev_origins
        return list(dict.fromkeys(f"{origin.rstrip('/')}/callback" for origin in origins))

    @property
    def federation_enabled(self) -> bool:
        return bool(
            self.oidc_provider_issuer
            and self.oidc_provider_client_id
            and self.oidc_provider_client_secret
        )

    @property
    def schema_dir(self) -> Path:
        return self.root_dir / "schema"

    @property
    def forms_dir(self) -> Path:
        return self.root_dir / "forms"

    @property
    def workflows_dir(self) -> Path:
        return self.root_dir / "workflows"

    @property
    def resolved_storage_dir(self) -> Path:
        return self.storage_dir or self.data_dir / "files"

    def ensure_data_dir(self) -> Path:
        """Create the data folder readable by its owner only (it holds keys)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)
        return self.data_dir
