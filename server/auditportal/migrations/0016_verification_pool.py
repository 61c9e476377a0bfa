"""Verification plans name their verifier pool (users, teams) and the days a draw is due in;
a draw records when its verifications are due (issue 14)."""

import functools
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("auditportal", "0015_list_indexes")]

    initial = False

    operations = [
        ops.AddField(
            model_name="VerificationPlan",
            name="verifier_ids",
            field=fields.JSONField(
                default=list,
                db_default="[]",
                encoder=functools.partial(dumps, separators=(",", ":")),
                decoder=loads,
            ),
        ),
        ops.AddField(
            model_name="VerificationPlan",
            name="verifier_teams",
            field=fields.JSONField(
                default=list,
                db_default="[]",
                encoder=functools.partial(dumps, separators=(",", ":")),
                decoder=loads,
            ),
        ),
        ops.AddField(
            model_name="VerificationPlan",
            name="due_days",
            field=fields.IntField(default=14, db_default=14),
        ),
        ops.AddField(
            model_name="VerificationDraw",
            name="due_at",
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
