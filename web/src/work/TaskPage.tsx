import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { CaseView } from "../cases/CaseView";

const ChecklistFormsDocument = graphql(`
  query ChecklistForms {
    forms(filter: { category: INSPECTION_CHECKLIST, publishedOnly: true }, first: 5) {
      nodes {
        id
        latestVersion {
          id
        }
      }
    }
  }
`);

/** The auditor's task: the case, and the checklist to fill when it has none yet. */
export default function TaskPage() {
  const { t } = useTranslation("work");
  const [{ data }] = useQuery({ query: ChecklistFormsDocument });
  const versionId = data?.forms.nodes.find((form) => form.latestVersion)?.latestVersion?.id;
  return (
    <CaseView
      crumbs={[{ title: t("menu.myWork"), to: "/work" }]}
      fillLink={({ id, customerId }) =>
        versionId && customerId
          ? `/work/fill/${encodeURIComponent(versionId)}?customer=${encodeURIComponent(customerId)}&instance=${encodeURIComponent(id)}`
          : null
      }
    />
  );
}
