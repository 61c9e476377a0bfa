"""Authored order survives storage on both backends (PostgreSQL's jsonb would reorder keys)."""

from __future__ import annotations

from tests.conftest import Api
from tests.factories import checklist, good_answers, t
from tests.helpers import publish, submit


async def test_question_order_is_kept_as_authored(api: Api) -> None:
    admin = await api.user("admin")
    definition = checklist()
    props = definition["schema"]["properties"]
    # Long names first, short last: jsonb would put "z" before "contracts".
    props["z"] = {"type": "string", "x-title": t("Last question")}
    authored = list(props)
    section_order = list(props["contracts"]["properties"])
    _, version_id = await publish(admin, definition)
    data = await admin.data(
        "query($id: ID!) { formVersion(id: $id) { definition localizedSchema } }",
        {"id": version_id},
    )
    version = data["formVersion"]
    assert list(version["definition"]["schema"]["properties"]) == authored
    assert list(version["localizedSchema"]["properties"]) == authored
    assert (
        list(version["definition"]["schema"]["properties"]["contracts"]["properties"])
        == section_order
    )


async def test_findings_and_sections_follow_the_form_order(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    _, version_id = await publish(admin, checklist())
    answers = good_answers(contracts={"signed": "no", "archived": "yes"}, payments={"onTime": "no"})
    result = (await submit(auditor, formVersionId=version_id, answers=answers))["submission"]
    assert [f["path"] for f in result["findings"]] == [
        ["contracts", "signed"],
        ["payments", "onTime"],
    ]
    assert [s["key"] for s in result["score"]["sections"]] == ["contracts", "payments"]
