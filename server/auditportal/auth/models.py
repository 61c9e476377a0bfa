from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from auditportal.auth.principal import Role
from auditportal.db import TimestampedModel

if TYPE_CHECKING:
    from auditportal.customers.models import Customer


class User(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    username = fields.CharField(max_length=150, unique=True)
    display_name = fields.CharField(max_length=200, default="")
    email = fields.CharField(max_length=254, null=True)
    role = fields.CharEnumField(Role, max_length=20)
    customer: fields.ForeignKeyNullableRelation[Customer] = fields.ForeignKeyField(
        "auditportal.Customer", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    customer_id: Any
    password_hash = fields.CharField(max_length=255, null=True)
    password_changed_at = fields.DatetimeField(null=True)
    # A one-time password (the first admin's, a reset): the next sign-in must change it.
    must_change_password = fields.BooleanField(default=False, db_default=False)
    is_active = fields.BooleanField(default=True)
    preferred_language = fields.CharField(max_length=10, default="zh-CN")
    # The team a staff member works in: rules read it as actor.team (e.g. "north-audit").
    team = fields.CharField(max_length=64, null=True)
    # Accounts that sign in through an external OpenID Connect provider: (issuer, subject).
    external_issuer = fields.CharField(max_length=300, null=True)
    external_subject = fields.CharField(max_length=300, null=True)

    class Meta:
        table = "users"
        unique_together = (("external_issuer", "external_subject"),)


class OAuthClient(TimestampedModel):
    # A registered OAuth 2.0 client: the web portal (public, PKCE) or a third-party tool.
    #
    # Confidential clients keep only an argon2 hash of their secret (shown once at creation).
    # Tools using client credentials act as ``service_user``, whose role is ``service``.

    id = fields.UUIDField(primary_key=True)
    client_id = fields.CharField(max_length=100, unique=True)
    name = fields.CharField(max_length=200)
    secret_hash = fields.CharField(max_length=255, null=True)
    # "none" for public clients; "client_secret_basic" / "client_secret_post" otherwise.
    token_endpoint_auth_method = fields.CharField(max_length=40, default="none")
    grant_types: Any = fields.JSONField(default=list)
    redirect_uris: Any = fields.JSONField(default=list)
    # The most a token for this client may carry (space-separated scopes as a list).
    allowed_scopes: Any = fields.JSONField(default=list)
    first_party = fields.BooleanField(default=False)
    service_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name="service_clients", null=True, on_delete=fields.RESTRICT
    )
    service_user_id: Any
    is_active = fields.BooleanField(default=True)

    class Meta:
        table = "oauth_clients"


class AuthorizationCode(Model):
    # A one-time authorization code (stored hashed), bound to its PKCE challenge.

    id = fields.UUIDField(primary_key=True)
    code_hash = fields.CharField(max_length=64, unique=True)
    client: fields.ForeignKeyRelation[OAuthClient] = fields.ForeignKeyField(
        "auditportal.OAuthClient", related_name=False, on_delete=fields.CASCADE
    )
    client_id: Any
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: Any
    redirect_uri = fields.CharField(max_length=2000)
    scope = fields.CharField(max_length=1000, default="")
    nonce = fields.CharField(max_length=255, null=True)
    code_challenge = fields.CharField(max_length=128)
    code_challenge_method = fields.CharField(max_length=10, default="S256")
    auth_time = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "oauth_authorization_codes"


class RefreshToken(Model):
    # A refresh token (stored hashed). Each use rotates it; a reused one revokes its family.

    id = fields.UUIDField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    family_id = fields.UUIDField(db_index=True)
    client: fields.ForeignKeyRelation[OAuthClient] = fields.ForeignKeyField(
        "auditportal.OAuthClient", related_name=False, on_delete=fields.CASCADE
    )
    client_id: Any
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.CASCADE
    )
    user_id: Any
    scope = fields.CharField(max_length=1000, default="")
    auth_time = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    rotated_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "oauth_refresh_tokens"


class RevokedAccessToken(Model):
    # Access tokens revoked before expiry (RFC 7009), by jti, kept until they expire.

    jti = fields.CharField(max_length=64, primary_key=True)
    expires_at = fields.DatetimeField(db_index=True)
    revoked_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "oauth_revoked_access_tokens"


class LoginThrottle(Model):
    # Failed sign-ins per key ("user:<name>" or "ip:<address>") in the current window.

    key = fields.CharField(max_length=300, primary_key=True)
    failures = fields.IntField(default=0)
    window_started_at = fields.DatetimeField()
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "login_throttles"


class ConsultantGrant(TimestampedModel):
    # Read access for an external consultant to some customers and/or forms, until a date.
    #
    # Empty ``customer_ids`` means no customer-owned data; empty ``form_ids`` means the
    # granted customers' submissions of every form. Revoking sets ``revoked_at``.

    id = fields.UUIDField(primary_key=True)
    consultant: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name="consultant_grants", on_delete=fields.CASCADE
    )
    consultant_id: Any
    customer_ids: Any = fields.JSONField(default=list)
    form_ids: Any = fields.JSONField(default=list)
    reason = fields.TextField(default="")
    expires_at = fields.DatetimeField(db_index=True)
    revoked_at = fields.DatetimeField(null=True)
    granted_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, on_delete=fields.RESTRICT
    )
    granted_by_id: Any
    revoked_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "auditportal.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    revoked_by_id: Any

    class Meta:
        table = "consultant_grants"
