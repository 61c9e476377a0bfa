import functools
from json import dumps, loads
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from auditportal.auth.principal import Role
from auditportal.forms.models import FormCategory


class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                ("occurred_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("actor", fields.CharField(max_length=200)),
                ("actor_role", fields.CharField(null=True, max_length=20)),
                ("action", fields.CharField(db_index=True, max_length=100)),
                ("object_type", fields.CharField(max_length=60)),
                ("object_id", fields.CharField(db_index=True, max_length=64)),
                (
                    "summary",
                    fields.JSONField(
                        default=dict,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("request_id", fields.CharField(null=True, max_length=64)),
                ("prev_hash", fields.CharField(max_length=64)),
                ("hash", fields.CharField(unique=True, max_length=64)),
            ],
            options={
                "table": "audit_events",
                "app": "auditportal",
                "pk_attr": "id",
                "table_description": "One write (or audited read). Rows are only ever inserted, each hashing the previous.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Customer",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                ("code", fields.CharField(unique=True, max_length=64)),
                ("name", fields.CharField(max_length=300)),
            ],
            options={"table": "customers", "app": "auditportal", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="User",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                ("username", fields.CharField(unique=True, max_length=150)),
                ("display_name", fields.CharField(default="", max_length=200)),
                ("email", fields.CharField(null=True, max_length=254)),
                (
                    "role",
                    fields.CharEnumField(
                        description="ADMIN: admin\nMANAGER: manager\nAUDITOR: auditor\nCUSTOMER: customer\nCONSULTANT: consultant\nSERVICE: service",
                        enum_type=Role,
                        max_length=20,
                    ),
                ),
                (
                    "customer",
                    fields.ForeignKeyField(
                        "auditportal.Customer",
                        source_field="customer_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="users",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("password_hash", fields.CharField(null=True, max_length=255)),
                ("is_active", fields.BooleanField(default=True)),
                ("preferred_language", fields.CharField(default="zh-CN", max_length=10)),
            ],
            options={"table": "users", "app": "auditportal", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Form",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                ("key", fields.CharField(unique=True, max_length=64)),
                (
                    "category",
                    fields.CharEnumField(
                        db_index=True,
                        description="INSPECTION_CHECKLIST: inspection_checklist\nSURVEY: survey\nCOMPLAINT: complaint\nTRAINING_RECORD: training_record\nCREDIT_ASSESSMENT: credit_assessment\nCUSTOM: custom",
                        enum_type=FormCategory,
                        max_length=30,
                    ),
                ),
                (
                    "title",
                    fields.JSONField(
                        encoder=functools.partial(dumps, separators=(",", ":")), decoder=loads
                    ),
                ),
                ("search_text", fields.CharField(default="", max_length=2000)),
                (
                    "draft",
                    fields.JSONField(
                        encoder=functools.partial(dumps, separators=(",", ":")), decoder=loads
                    ),
                ),
                ("draft_hash", fields.CharField(max_length=64)),
                ("draft_revision", fields.IntField(default=1)),
                (
                    "created_by",
                    fields.ForeignKeyField(
                        "auditportal.User",
                        source_field="created_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "updated_by",
                    fields.ForeignKeyField(
                        "auditportal.User",
                        source_field="updated_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("latest_version_number", fields.IntField(default=0)),
            ],
            options={
                "table": "forms",
                "app": "auditportal",
                "pk_attr": "id",
                "table_description": "A form and its editable draft (published content lives in FormVersion).",
            },
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="FormVersion",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "form",
                    fields.ForeignKeyField(
                        "auditportal.Form",
                        source_field="form_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="versions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("number", fields.IntField()),
                (
                    "definition",
                    fields.JSONField(
                        encoder=functools.partial(dumps, separators=(",", ":")), decoder=loads
                    ),
                ),
                ("content_hash", fields.CharField(max_length=64)),
                (
                    "published_by",
                    fields.ForeignKeyField(
                        "auditportal.User",
                        source_field="published_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("published_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("retired_at", fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                (
                    "retired_by",
                    fields.ForeignKeyField(
                        "auditportal.User",
                        source_field="retired_by_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name=False,
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
            ],
            options={
                "table": "form_versions",
                "app": "auditportal",
                "unique_together": (("form", "number"),),
                "pk_attr": "id",
                "table_description": "A published, immutable version. Submissions point at the one they answered.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Submission",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "form",
                    fields.ForeignKeyField(
                        "auditportal.Form",
                        source_field="form_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="submissions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "form_version",
                    fields.ForeignKeyField(
                        "auditportal.FormVersion",
                        source_field="form_version_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="submissions",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "customer",
                    fields.ForeignKeyField(
                        "auditportal.Customer",
                        source_field="customer_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="submissions",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "submitted_by",
                    fields.ForeignKeyField(
                        "auditportal.User",
                        source_field="submitted_by_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="submissions",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                (
                    "submitted_at",
                    fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False),
                ),
                ("language", fields.CharField(max_length=10)),
                (
                    "answers",
                    fields.JSONField(
                        encoder=functools.partial(dumps, separators=(",", ":")), decoder=loads
                    ),
                ),
                ("score_raw", fields.FloatField(null=True)),
                ("score_max", fields.FloatField(null=True)),
                ("score_percent", fields.FloatField(null=True, db_index=True)),
                ("passed", fields.BooleanField(null=True)),
                (
                    "section_scores",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                (
                    "findings",
                    fields.JSONField(
                        default=list,
                        encoder=functools.partial(dumps, separators=(",", ":")),
                        decoder=loads,
                    ),
                ),
                ("finding_count", fields.IntField(default=0, db_index=True)),
                ("idempotency_key", fields.CharField(null=True, max_length=128)),
                ("request_hash", fields.CharField(max_length=64)),
                ("revision", fields.IntField(default=1)),
                (
                    "revises",
                    fields.OneToOneField(
                        "auditportal.Submission",
                        source_field="revises_id",
                        null=True,
                        db_constraint=True,
                        to_field="id",
                        related_name="revised_by",
                        on_delete=OnDelete.RESTRICT,
                    ),
                ),
                ("revision_reason", fields.TextField(null=True, unique=False)),
                (
                    "superseded_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "submissions",
                "app": "auditportal",
                "unique_together": (("submitted_by", "idempotency_key"),),
                "pk_attr": "id",
                "table_description": "Answers to one form version. Content never changes, a correction is a new revision.",
            },
            bases=["Model"],
        ),
    ]
