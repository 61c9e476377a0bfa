import { useQuery } from "urql";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { FillForm } from "../forms/FillForm";
import { PageHeader } from "../shell/PageHeader";

const PortalFillTitleDocument = graphql(`
  query PortalFillTitle($id: ID!) {
    formVersion(id: $id) {
      id
      title
    }
  }
`);

/** A customer user fills an offered form for their own company. */
export default function PortalFillPage() {
  const { t } = useTranslation("portal");
  const { versionId = "" } = useParams();
  const [{ data }] = useQuery({ query: PortalFillTitleDocument, variables: { id: versionId } });
  return (
    <>
      <PageHeader title={data?.formVersion?.title ?? ""} crumbs={[{ title: t("menu.forms"), to: "/portal/forms" }]} />
      <FillForm formVersionId={versionId} resultLink={(id) => `/portal/cases/${encodeURIComponent(id)}`} />
    </>
  );
}
