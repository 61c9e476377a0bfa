"""One row per declared search field value of a submission or a customer."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class SearchValue(Model):
    # What a declared search field holds for one record, extracted on write, so filters
    # are indexed SQL on both backends (JSON lookups work on PostgreSQL only). A field
    # that holds several values (a multi-select, a field inside array items) has a row
    # per value.
    id = fields.BigIntField(primary_key=True)
    # "submission" or "customer".
    owner = fields.CharField(max_length=12)
    owner_id = fields.UUIDField()
    # The form that declares the field (for customers: the custom attributes form).
    form_id = fields.UUIDField()
    key = fields.CharField(max_length=64)
    # Every value as text (numbers written as JSON writes them, booleans true/false), and
    # numbers also as numbers, for ranges.
    text_value = fields.CharField(max_length=500)
    number_value = fields.FloatField(null=True)

    class Meta:
        table = "search_values"
        indexes = (
            ("owner", "key", "text_value"),
            ("owner", "key", "number_value"),
            ("owner_id",),
        )
