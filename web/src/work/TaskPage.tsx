import { useTranslation } from "react-i18next";
import { CaseView } from "../cases/CaseView";
import type { FillTarget } from "../cases/fillTarget";

/** Where the auditor fills the case's form: the fill page, tied to the case and its customer. */
function fillLink({ id, customerId, formVersionId }: FillTarget): string | null {
  if (!customerId) return null;
  const query = new URLSearchParams({ customer: customerId, instance: id });
  return `/work/fill/${encodeURIComponent(formVersionId)}?${query.toString()}`;
}

/** The auditor's task: the case, and its form to fill while it waits for a submission. */
export default function TaskPage() {
  const { t } = useTranslation("work");
  return <CaseView crumbs={[{ title: t("menu.myWork"), to: "/work" }]} fillLink={fillLink} />;
}
