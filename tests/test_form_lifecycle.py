"""Drafts, versions, publishing and retiring through GraphQL."""

from __future__ import annotations

import copy

from tests import gql
from tests.conftest import Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit


async def test_publish_creates_numbered_versions_only_when_content_changes(api: Api) -> None:
    admin = await api.user("admin")
    created = (await admin.data(gql.CREATE_DRAFT, {"definition": checklist()}))["createFormDraft"]
    form = created["form"]
    assert created["__typename"] == "FormDraftSaved"
    assert form["hasUnpublishedChanges"] is True

    first = (await admin.data(gql.PUBLISH, {"formId": form["id"]}))["publishForm"]
    assert first["created"] is True
    assert first["version"]["number"] == 1
    assert (
        first["version"]["publishedBy"]["username"]
        == (await admin.data("{ me { user { username } } }"))["me"]["user"]["username"]
    )

    again = (await admin.data(gql.PUBLISH, {"formId": form["id"]}))["publishForm"]
    assert again["created"] is False
    assert again["version"]["id"] == first["version"]["id"]

    changed = checklist()
    changed["title"]["en"] = "Site check (2027)"
    updated = (
        await admin.data(gql.UPDATE_DRAFT, {"formId": form["id"], "definition": changed, "rev": 1})
    )["updateFormDraft"]
    assert updated["__typename"] == "FormDraftSaved"
    assert updated["form"]["draftRevision"] == 2
    assert updated["form"]["hasUnpublishedChanges"] is True

    second = (await admin.data(gql.PUBLISH, {"formId": form["id"]}))["publishForm"]
    assert second["created"] is True
    assert second["version"]["number"] == 2
    assert second["version"]["contentHash"] != first["version"]["contentHash"]

    versions = await admin.data(
        "query($id: ID!) { form(id: $id) { title versions { totalCount nodes { number definition } } } }",
        {"id": form["id"]},
    )
    nodes = versions["form"]["versions"]["nodes"]
    assert [v["number"] for v in nodes] == [2, 1]
    # Version 1 kept its content: versions are immutable.
    assert nodes[1]["definition"]["title"]["en"] == "Site check"
    assert versions["form"]["title"] == "Site check (2027)"


async def test_stale_draft_revision_is_a_conflict_and_changes_nothing(api: Api) -> None:
    admin = await api.user("admin")
    form_id, _ = await publish(admin, checklist())
    edited = checklist()
    edited["title"]["en"] = "Edited once"
    ok = await admin.data(gql.UPDATE_DRAFT, {"formId": form_id, "definition": edited, "rev": 1})
    assert ok["updateFormDraft"]["__typename"] == "FormDraftSaved"

    late = copy.deepcopy(edited)
    late["title"]["en"] = "Edited from a stale copy"
    stale = await admin.data(gql.UPDATE_DRAFT, {"formId": form_id, "definition": late, "rev": 1})
    assert stale["updateFormDraft"]["__typename"] == "Conflict"
    assert "revision 2" in stale["updateFormDraft"]["message"]
    form = await admin.data(
        "query($id: ID!) { form(id: $id) { title draftRevision } }", {"id": form_id}
    )
    assert form["form"] == {"title": "Edited once", "draftRevision": 2}


async def test_duplicate_key_is_a_conflict(api: Api) -> None:
    admin = await api.user("admin")
    await publish(admin, checklist())
    again = await admin.data(gql.CREATE_DRAFT, {"definition": checklist()})
    assert again["createFormDraft"]["__typename"] == "Conflict"
    assert "site-check" in again["createFormDraft"]["message"]


async def test_key_cannot_change_in_an_update(api: Api) -> None:
    admin = await api.user("admin")
    form_id, _ = await publish(admin, checklist())
    result = await admin.data(
        gql.UPDATE_DRAFT, {"formId": form_id, "definition": checklist(key="other-key")}
    )
    payload = result["updateFormDraft"]
    assert payload["__typename"] == "ValidationFailed"
    assert payload["errors"][0]["path"] == ["input", "definition", "key"]


async def test_retired_version_refuses_new_submissions_but_keeps_old_ones(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    form_id, version_id = await publish(admin, checklist())
    before = await submit(auditor, formVersionId=version_id, answers=good_answers())
    assert before["__typename"] == "SubmissionAccepted"

    retired = (await admin.data(gql.RETIRE, {"id": version_id}))["retireFormVersion"]
    assert retired["__typename"] == "FormVersionRetired"
    assert retired["version"]["isRetired"] is True

    refused = await submit(auditor, formVersionId=version_id, answers=good_answers())
    assert refused["__typename"] == "Conflict"
    by_form = await submit(auditor, formId=form_id, answers=good_answers())
    assert by_form["__typename"] == "Conflict"
    assert by_form["code"] == "CONFLICT"

    twice = (await admin.data(gql.RETIRE, {"id": version_id}))["retireFormVersion"]
    assert twice["__typename"] == "Conflict"

    listed = await admin.data(
        "query($id: ID!) { submissions(filter: {formVersionId: $id}) { totalCount nodes { formVersion { number isRetired } } } }",
        {"id": version_id},
    )
    assert listed["submissions"]["totalCount"] == 1
    assert listed["submissions"]["nodes"][0]["formVersion"] == {"number": 1, "isRetired": True}


async def test_submitting_by_form_uses_the_newest_open_version(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    form_id, v1 = await publish(admin, checklist())
    changed = checklist()
    changed["title"]["en"] = "v2"
    await admin.data(gql.UPDATE_DRAFT, {"formId": form_id, "definition": changed})
    v2 = (await admin.data(gql.PUBLISH, {"formId": form_id}))["publishForm"]["version"]
    result = await auditor.data(
        gql.SUBMIT.replace("customer { code }", "customer { code } formVersion { number }"),
        {"input": {"formId": form_id, "answers": good_answers()}},
    )
    assert result["submitForm"]["submission"]["formVersion"]["number"] == 2
    await admin.data(gql.RETIRE, {"id": v2["id"]})
    result = await auditor.data(
        gql.SUBMIT.replace("customer { code }", "customer { code } formVersion { id }"),
        {"input": {"formId": form_id, "answers": good_answers()}},
    )
    assert result["submitForm"]["submission"]["formVersion"]["id"] == v1


async def test_customers_see_only_published_forms(api: Api) -> None:
    admin = await api.user("admin")
    customer = await api.user("customer", customer=await api.customer("C-1"))
    await publish(admin, checklist(key="published-one", audience=["staff", "customer"]))
    await publish(admin, checklist(key="staff-only"))
    draft = await admin.data(
        gql.CREATE_DRAFT,
        {"definition": checklist(key="draft-only", audience=["staff", "customer"])},
    )
    draft_id = draft["createFormDraft"]["form"]["id"]

    seen = await customer.data("{ forms { totalCount nodes { key } } }")
    assert [n["key"] for n in seen["forms"]["nodes"]] == ["published-one"]
    assert (await customer.data("query($id: ID!) { form(id: $id) { key } }", {"id": draft_id}))[
        "form"
    ] is None
    everything = await admin.data("{ forms(orderBy: {field: KEY}) { nodes { key } } }")
    assert [n["key"] for n in everything["forms"]["nodes"]] == [
        "draft-only",
        "published-one",
        "staff-only",
    ]

    denied = await customer.gql("query($id: ID!) { form(id: $id) { draft } }", {"id": draft_id})
    assert denied["data"]["form"] is None


async def test_form_search_and_category_filter(api: Api) -> None:
    admin = await api.user("admin")
    await publish(admin, checklist(key="site-check"))
    await publish(
        admin,
        checklist(
            key="happy-survey", category="survey", title={"zh-CN": "满意度调查", "en": "Happiness"}
        ),
    )
    by_zh = await admin.data('{ forms(filter: {search: "满意"}) { nodes { key } } }')
    assert [n["key"] for n in by_zh["forms"]["nodes"]] == ["happy-survey"]
    by_category = await admin.data(
        "{ forms(filter: {category: INSPECTION_CHECKLIST}) { nodes { key category } } }"
    )
    assert by_category["forms"]["nodes"] == [
        {"key": "site-check", "category": "INSPECTION_CHECKLIST"}
    ]


async def test_localized_schema_for_renderers(api: Api) -> None:
    admin = await api.user("admin")
    _, version_id = await publish(admin, checklist())
    query = "query($id: ID!) { formVersion(id: $id) { title localizedSchema localizedUiSchema } }"
    zh = (await admin.data(query, {"id": version_id}, language="zh-CN"))["formVersion"]
    en = (await admin.data(query, {"id": version_id}, language="en"))["formVersion"]
    assert zh["title"] == "现场检查"
    assert en["title"] == "Site check"
    assert zh["localizedSchema"]["properties"]["contracts"]["title"] == "合同"
    assert en["localizedSchema"]["properties"]["contracts"]["title"] == "Contracts"
    assert zh["localizedUiSchema"]["contracts"]["signed"]["ui:enumNames"] == ["是", "否", "不适用"]
    assert en["localizedUiSchema"]["ui:order"][0] == "visitDate"
