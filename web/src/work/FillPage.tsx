import { useQuery } from "urql";
import { useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { FillForm } from "../forms/FillForm";
import { correctionStart } from "../forms/correction";
import { PageHeader } from "../shell/PageHeader";

const FillTitleDocument = graphql(`
  query FillTitle($id: ID!) {
    formVersion(id: $id) {
      id
      title
    }
  }
`);

const FillCaseDocument = graphql(`
  query FillCase($id: ID!) {
    workflowInstance(id: $id) {
      id
      submission {
        id
        answers
        formVersion {
          id
        }
      }
    }
  }
`);

/** Staff fill a form for a customer: from a task (customer and case given) or from the list. */
export default function FillPage() {
  const { t } = useTranslation("work");
  const { versionId = "" } = useParams();
  const [params] = useSearchParams();
  const instance = params.get("instance");
  const [{ data }] = useQuery({ query: FillTitleDocument, variables: { id: versionId } });
  // A correction after a return starts from what was handed in (see forms/correction.ts).
  const [handedIn] = useQuery({ query: FillCaseDocument, variables: { id: instance ?? "" }, pause: !instance });
  if (instance && !handedIn.data && !handedIn.error) return null;
  const startFrom = correctionStart(handedIn.data?.workflowInstance?.submission, versionId);
  const crumbs = [{ title: t("menu.myWork"), to: "/work" }];
  if (instance) crumbs.push({ title: t("task"), to: `/work/${encodeURIComponent(instance)}` });
  return (
    <>
      <PageHeader title={data?.formVersion?.title ?? ""} crumbs={crumbs} />
      <FillForm
        formVersionId={versionId}
        customerId={params.get("customer")}
        instanceId={instance}
        startFrom={startFrom}
        resultLink={(id) => `/work/${encodeURIComponent(id)}`}
      />
    </>
  );
}
