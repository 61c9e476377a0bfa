import { useTranslation } from "react-i18next";
import { CaseView } from "../cases/CaseView";

/** A customer's case: status, history, and confirm / reopen when it is resolved. */
export default function CasePage() {
  const { t } = useTranslation("portal");
  return <CaseView crumbs={[{ title: t("menu.cases"), to: "/portal/cases" }]} />;
}
