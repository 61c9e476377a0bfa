"""Customer users see and fill only the forms offered to them (the definition's audience)."""

from __future__ import annotations

from auditportal.auth.principal import system_principal
from auditportal.forms.loader import load_form_directory
from auditportal.forms.models import Form
from tests import gql
from tests.conftest import REPO_ROOT, SETTINGS, Api
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit

BOTH = ["staff", "customer"]
VISIBLE = """
query($id: ID!, $version: ID!, $key: String!) {
  byId: form(id: $id) { key }
  byKey: form(key: $key) { key }
  formVersion(id: $version) { number }
  node(id: $id) { id }
}
"""


async def test_customers_see_offered_forms_only(api: Api) -> None:
    admin = await api.user("admin")
    customer = await api.user("customer", customer=await api.customer("C-1"))
    auditor = await api.user("auditor")
    offered_id, offered_version = await publish(admin, checklist(key="offered", audience=BOTH))
    staff_id, staff_version = await publish(admin, checklist(key="staff-only"))

    listed = await customer.data("{ forms { totalCount nodes { key } } }")
    assert [n["key"] for n in listed["forms"]["nodes"]] == ["offered"]
    seen = await customer.data(
        VISIBLE, {"id": offered_id, "version": offered_version, "key": "offered"}
    )
    assert seen == {
        "byId": {"key": "offered"},
        "byKey": {"key": "offered"},
        "formVersion": {"number": 1},
        "node": {"id": offered_id},
    }
    hidden = await customer.data(
        VISIBLE, {"id": staff_id, "version": staff_version, "key": "staff-only"}
    )
    assert hidden == {"byId": None, "byKey": None, "formVersion": None, "node": None}
    # Staff see both.
    staff = await auditor.data("{ forms { nodes { key } } }")
    assert [n["key"] for n in staff["forms"]["nodes"]] == ["offered", "staff-only"]


async def test_customers_may_not_submit_to_a_staff_only_form(api: Api) -> None:
    admin = await api.user("admin")
    customer = await api.user("customer", customer=await api.customer("C-1"))
    _, version_id = await publish(admin, checklist(key="staff-only"))
    refused = await submit(customer, formVersionId=version_id, answers=good_answers())
    assert refused["__typename"] == "NotAllowed"
    assert refused["message"] == "This form is not offered to customers."
    zh = await submit(customer, "zh-CN", formVersionId=version_id, answers=good_answers())
    assert zh["message"] == "此表单不向客户开放填写。"
    # Staff still fill it, for the same customer.
    auditor = await api.user("auditor")
    accepted = await submit(auditor, formVersionId=version_id, answers=good_answers())
    assert accepted["__typename"] == "SubmissionAccepted"


async def test_publishing_follows_the_audience(api: Api) -> None:
    admin = await api.user("admin")
    customer = await api.user("customer", customer=await api.customer("C-1"))
    form_id, _ = await publish(admin, checklist(key="moving", audience=BOTH))
    assert (await Form.get(key="moving")).offered_to_customers is True
    form = await admin.data('{ form(key: "moving") { draftRevision } }')
    updated = await admin.data(
        gql.UPDATE_DRAFT,
        {
            "formId": form_id,
            "definition": checklist(key="moving", audience=["staff"]),
            "rev": form["form"]["draftRevision"],
        },
    )
    assert updated["updateFormDraft"]["__typename"] == "FormDraftSaved"
    # The draft alone changes nothing; publishing does.
    assert (await Form.get(key="moving")).offered_to_customers is True
    published = await admin.data(gql.PUBLISH, {"formId": form_id})
    assert published["publishForm"]["version"]["number"] == 2
    assert (await Form.get(key="moving")).offered_to_customers is False
    assert (await customer.data("{ forms { totalCount } }"))["forms"]["totalCount"] == 0


async def test_a_bad_audience_is_refused_with_its_path(api: Api) -> None:
    admin = await api.user("admin")
    result = await admin.data(
        gql.CREATE_DRAFT, {"definition": checklist(key="bad-audience", audience=["public"])}
    )
    draft = result["createFormDraft"]
    assert draft["__typename"] == "ValidationFailed"
    assert [e["path"] for e in draft["errors"]] == [["input", "definition", "audience", "0"]]


async def test_builtin_forms_offered_to_customers(api: Api) -> None:
    await load_form_directory(system_principal("tests"), REPO_ROOT / "forms", SETTINGS)
    offered = dict(await Form.all().values_list("key", "offered_to_customers"))
    assert offered == {
        "complaint-intake": True,
        "customer-compliance-inspection": False,
        "customer-credit-assessment": False,
        "customer-satisfaction-survey": True,
        "customer-training-record": True,
    }
