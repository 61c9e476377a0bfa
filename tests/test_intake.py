"""A submission starts the workflows its form triggers, in the same transaction."""

from __future__ import annotations

import pytest

from auditportal.auth.principal import Principal, system_principal
from auditportal.errors import Conflict
from auditportal.forms import service as forms
from auditportal.forms.models import Submission
from auditportal.submissions.intake import submit
from auditportal.workflows import definitions
from auditportal.workflows.models import WorkflowInstance, WorkflowVersion
from tests.conftest import SETTINGS, Api
from tests.factories import checklist, good_answers
from tests.workflow_factories import review_flow

SYSTEM = system_principal("tests")


async def _setup(api: Api, starts_for: dict[str, list[str]]) -> tuple[Principal, object]:
    auditor = await api.user("auditor")
    await api.user("manager")
    form = await forms.create_draft(SYSTEM, checklist(), settings=SETTINGS)
    version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    saved = await definitions.save_draft(
        SYSTEM, review_flow(startsFor=starts_for), settings=SETTINGS
    )
    await definitions.publish(SYSTEM, saved.id)
    principal = Principal(
        subject="user:a",
        role=auditor.role,
        user_id=auditor.id,
        scopes=frozenset({"submissions:write"}),
    )
    return principal, version


async def test_a_submission_starts_its_workflow_once(api: Api) -> None:
    principal, version = await _setup(api, {"formCategories": ["inspection_checklist"]})
    result, started = await submit(
        principal,
        answers=good_answers(),
        language="en",
        version_id=version.id,
        idempotency_key="k",
        settings=SETTINGS,
    )
    assert [i.state for i in started] == ["submitted"]
    assert started[0].submission_id == result.submission.id
    replay, again = await submit(
        principal,
        answers=good_answers(),
        language="en",
        version_id=version.id,
        idempotency_key="k",
        settings=SETTINGS,
    )
    assert replay.replayed
    assert [i.id for i in again] == [started[0].id]
    assert await WorkflowInstance.all().count() == 1


async def test_forms_without_a_trigger_start_nothing(api: Api) -> None:
    principal, version = await _setup(api, {"formCategories": ["survey"]})
    _, started = await submit(
        principal, answers=good_answers(), language="en", version_id=version.id, settings=SETTINGS
    )
    assert started == []


async def test_if_the_workflow_cannot_start_the_submission_is_not_kept(api: Api) -> None:
    principal, version = await _setup(api, {"formCategories": ["inspection_checklist"]})
    # Break the published workflow: its child workflow does not exist, so starting fails.
    broken = await WorkflowVersion.all().first()
    assert broken is not None
    broken.content["states"]["submitted"]["onEnter"] = [
        {"type": "startChild", "workflow": "missing-flow", "forEach": "once"}
    ]
    await broken.save(update_fields=["content"])
    with pytest.raises(Conflict):
        await submit(
            principal,
            answers=good_answers(),
            language="en",
            version_id=version.id,
            settings=SETTINGS,
        )
    assert await Submission.all().count() == 0
    assert await WorkflowInstance.all().count() == 0
