"""Server drafts: saved as typed, compare-and-set, resumable, deleted on submit, private."""

from __future__ import annotations

import json
from typing import Any

from auditportal.audit.models import AuditEvent
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role
from auditportal.auth.tokens import issue_access_token
from auditportal.submissions.models import FormDraft
from tests.conftest import Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish

SAVE = """
mutation($input: SaveDraftInput!) {
  saveDraft(input: $input) {
    __typename
    ... on DraftSaved {
      draft { id lockVersion answers updatedAt formVersion { id } customer { code }
              workflowInstance { id } }
    }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""

MY_DRAFT = """
query($v: ID!, $c: ID, $w: ID) {
  myDraft(formVersionId: $v, customerId: $c, workflowInstanceId: $w) { id lockVersion answers }
}
"""

MY_DRAFTS = "{ myDrafts { totalCount nodes { id lockVersion } } }"

DISCARD = """
mutation($id: ID!) {
  discardDraft(input: {id: $id}) { __typename ... on DraftDiscarded { id } ... on UserError { code } }
}
"""

SUBMIT = """
mutation($input: SubmitFormInput!) {
  submitForm(input: $input) {
    __typename
    ... on SubmissionAccepted { submission { id } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code } }
  }
}
"""

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"


async def _save(person: Person, language: str = "en", **input_: Any) -> dict[str, Any]:
    result = await person.data(SAVE, {"input": input_}, language=language)
    return result["saveDraft"]  # type: ignore[no-any-return]


async def _form(api: Api, **overrides: Any) -> tuple[Person, str]:
    admin = await api.user("admin")
    _, version_id = await publish(admin, checklist(**overrides))
    return admin, version_id


async def _events(action: str) -> int:
    return await AuditEvent.filter(action=action).count()


async def test_a_draft_is_saved_unvalidated_and_resumes_on_another_device(api: Api) -> None:
    _, version = await _form(api)
    auditor = await api.user("auditor")
    partial = {"visitDate": "not a date yet", "bankAccount": "6222 0212"}
    saved = await _save(auditor, formVersionId=version, answers=partial)
    assert saved["__typename"] == "DraftSaved", saved
    draft = saved["draft"]
    assert draft["lockVersion"] == 1
    assert draft["answers"] == partial
    assert draft["formVersion"]["id"] == version
    # The stored row holds no typed value in clear (it may be a sensitive one).
    row = await FormDraft.get()
    assert "6222" not in json.dumps(row.answers)
    # Another device of the same person: a new token, the same draft.
    other_device = issue_access_token(
        api.settings, auditor.id, default_scopes(Role.AUDITOR), "tests"
    )
    resumed = (await api.gql(MY_DRAFT, {"v": version}, token=other_device))["data"]["myDraft"]
    assert resumed == {"id": draft["id"], "lockVersion": 1, "answers": partial}
    again = await _save(
        auditor, formVersionId=version, answers={"visitDate": "2026-12-01"}, lockVersion=1
    )
    assert again["__typename"] == "DraftSaved"
    assert again["draft"]["lockVersion"] == 2
    assert again["draft"]["id"] == draft["id"]
    listed = (await auditor.data(MY_DRAFTS))["myDrafts"]
    assert listed == {"totalCount": 1, "nodes": [{"id": draft["id"], "lockVersion": 2}]}


async def test_saves_are_compare_and_set_on_the_lock_version(api: Api) -> None:
    _, version = await _form(api)
    auditor = await api.user("auditor")
    await _save(auditor, formVersionId=version, answers={"a": 1})
    await _save(auditor, formVersionId=version, answers={"a": 2}, lockVersion=1)
    # A device still at version 1 is told, in the caller's language, and nothing changes.
    stale = await _save(auditor, "zh-CN", formVersionId=version, answers={"a": 3}, lockVersion=1)
    assert stale["__typename"] == "Conflict"
    assert "草稿已在别处更新" in stale["message"]
    # A device that never loaded the draft cannot create a second one over it.
    fresh = await _save(auditor, formVersionId=version, answers={"a": 4})
    assert fresh["__typename"] == "Conflict"
    assert "saved elsewhere" in fresh["message"]
    current = (await auditor.data(MY_DRAFT, {"v": version}))["myDraft"]
    assert current["answers"] == {"a": 2}
    assert current["lockVersion"] == 2


async def test_a_draft_is_size_limited_with_a_typed_error(api: Api) -> None:
    _, version = await _form(api)
    auditor = await api.user("auditor")
    limit = api.settings.max_draft_bytes
    big = {"notes": "x" * (limit + 1)}
    for language, text in (("en", "too large"), ("zh-CN", "草稿过大")):
        refused = await _save(auditor, language, formVersionId=version, answers=big)
        assert refused["__typename"] == "ValidationFailed"
        assert refused["errors"][0]["path"] == ["input", "answers"]
        assert refused["errors"][0]["code"] == "draft.too_large"
        assert text in refused["errors"][0]["message"]
    assert await FormDraft.all().count() == 0


async def test_submitting_deletes_the_draft_and_only_lifecycle_steps_are_audited(api: Api) -> None:
    _, version = await _form(api)
    auditor = await api.user("auditor")
    customer = await api.customer("D-1")
    customer_id = _customer_gid(customer)
    saved = await _save(auditor, formVersionId=version, customerId=customer_id, answers={})
    for lock in range(1, 6):  # five autosaves
        await _save(
            auditor,
            formVersionId=version,
            customerId=customer_id,
            answers={"n": lock},
            lockVersion=lock,
        )
    assert await _events("draft.create") == 1
    # A refused submission keeps the draft: the transaction holds both.
    refused = (
        await auditor.data(
            SUBMIT,
            {"input": {"formVersionId": version, "customerId": customer_id, "answers": {}}},
        )
    )["submitForm"]
    assert refused["__typename"] == "ValidationFailed"
    assert await FormDraft.all().count() == 1
    accepted = (
        await auditor.data(
            SUBMIT,
            {
                "input": {
                    "formVersionId": version,
                    "customerId": customer_id,
                    "answers": good_answers(),
                }
            },
        )
    )["submitForm"]
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    assert await FormDraft.all().count() == 0
    assert (await auditor.data(MY_DRAFT, {"v": version, "c": customer_id}))["myDraft"] is None
    events = await AuditEvent.filter(action__startswith="draft.").values_list("action", flat=True)
    assert sorted(events) == ["draft.create", "draft.submit"]
    del saved


async def test_a_named_draft_for_a_case_is_deleted_by_its_submission(api: Api) -> None:
    _, version = await _form(api)
    auditor = await api.user("auditor")
    instance = await _instance(api)
    saved = await _save(
        auditor, formVersionId=version, workflowInstanceId=instance, answers={"x": 1}
    )
    assert saved["__typename"] == "DraftSaved", saved
    assert saved["draft"]["workflowInstance"] == {"id": instance}
    found = (await auditor.data(MY_DRAFT, {"v": version, "w": instance}))["myDraft"]
    assert found["id"] == saved["draft"]["id"]
    # Without the case the target differs: no draft there.
    assert (await auditor.data(MY_DRAFT, {"v": version}))["myDraft"] is None
    someone_else = await api.user("auditor")
    foreign = (
        await someone_else.data(
            SUBMIT,
            {
                "input": {
                    "formVersionId": version,
                    "answers": good_answers(),
                    "draftId": saved["draft"]["id"],
                }
            },
        )
    )["submitForm"]
    assert foreign["__typename"] == "ValidationFailed"
    assert foreign["errors"] == [{"path": ["input", "draftId"], "code": "draft.not_for_submission"}]
    accepted = (
        await auditor.data(
            SUBMIT,
            {
                "input": {
                    "formVersionId": version,
                    "answers": good_answers(),
                    "draftId": saved["draft"]["id"],
                }
            },
        )
    )["submitForm"]
    assert accepted["__typename"] == "SubmissionAccepted"
    assert await FormDraft.all().count() == 0


async def test_drafts_are_private_and_follow_the_submit_rules(api: Api) -> None:
    _, version = await _form(api, audience=["staff", "customer"])
    _, staff_only = await _form(api, key="staff-only")
    customer_a = await api.customer("A")
    customer_b = await api.customer("B")
    user_a = await api.user("customer", customer=customer_a)
    user_b = await api.user("customer", customer=customer_b)
    consultant = await api.user("consultant")
    mine = await _save(user_a, formVersionId=version, answers={"a": 1})
    assert mine["__typename"] == "DraftSaved"
    assert mine["draft"]["customer"] == {"code": "A"}  # their own customer, implied
    # Another customer's user sees nothing of it, by node or by list, and cannot discard it.
    assert (await user_b.data(NODE, {"id": mine["draft"]["id"]}))["node"] is None
    assert (await user_b.data(MY_DRAFTS))["myDrafts"]["totalCount"] == 0
    assert (await user_b.data(DISCARD, {"id": mine["draft"]["id"]}))["discardDraft"] == {
        "__typename": "NotFound",
        "code": "NOT_FOUND",
    }
    # Nor may they draft for customer A, or on a staff-only form.
    other = await _save(
        user_b, formVersionId=version, customerId=_customer_gid(customer_a), answers={}
    )
    assert other["__typename"] == "NotAllowed"
    hidden = await _save(user_b, formVersionId=staff_only, answers={})
    assert hidden["__typename"] == "NotFound"
    # Consultants read; they never draft.
    refused = await consultant.gql(SAVE, {"input": {"formVersionId": version, "answers": {}}})
    assert refused["data"]["saveDraft"]["__typename"] == "NotAllowed"
    discarded = (await user_a.data(DISCARD, {"id": mine["draft"]["id"]}))["discardDraft"]
    assert discarded == {"__typename": "DraftDiscarded", "id": mine["draft"]["id"]}
    assert await FormDraft.all().count() == 0
    assert await _events("draft.discard") == 1


def _customer_gid(customer: Any) -> str:
    from auditportal.api.relay import to_global_id

    return str(to_global_id("Customer", customer.id))


async def _instance(api: Api) -> str:
    """A workflow instance (of a submission with no customer) the auditor's draft is for."""
    from auditportal.api.relay import to_global_id
    from auditportal.auth.principal import system_principal
    from auditportal.forms import service as forms
    from auditportal.settings import Settings
    from auditportal.workflows import definitions, instances
    from tests.workflow_factories import review_flow

    settings: Settings = api.settings
    system = system_principal("tests")
    await api.user("manager")
    form = await forms.create_draft(system, checklist(key="case-form"), settings=settings)
    version = (await forms.publish(system, form.id, settings=settings)).version
    result = await forms.submit(
        system, answers=good_answers(), language="en", version_id=version.id, settings=settings
    )
    saved = await definitions.save_draft(system, review_flow(key="case-flow"), settings=settings)
    published = await definitions.publish(system, saved.id)
    instance = await instances.start(
        system,
        published.version,
        subject_type="submission",
        subject_id=str(result.submission.id),
        start_key=f"draft-test:{result.submission.id}",
        submission=result.submission,
        settings=settings,
    )
    return str(to_global_id("WorkflowInstance", instance.id))
