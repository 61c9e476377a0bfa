import { Alert } from "antd";
import { EyeOutlined } from "@ant-design/icons";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { useViewer } from "../shell/viewer";

const GrantDocument = graphql(`
  query ConsultantGrant {
    me {
      consultantGrant {
        customersCount
        expiresAt
      }
    }
  }
`);

/** For consultants: a clear "read-only, within your grant, until ..." label on every page. */
export function ReadOnlyBanner() {
  const viewer = useViewer();
  const consultant = viewer.role === "CONSULTANT";
  const { t } = useTranslation("customers");
  const [{ data }] = useQuery({ query: GrantDocument, pause: !consultant });
  if (!consultant) return null;
  const grant = data?.me.consultantGrant;
  return (
    <Alert
      className="read-only-banner"
      type="info"
      showIcon
      icon={<EyeOutlined />}
      title={t("readOnly.title")}
      description={
        grant
          ? t("readOnly.body", { count: grant.customersCount, expires: dayjs(grant.expiresAt).format("YYYY-MM-DD HH:mm") })
          : undefined
      }
    />
  );
}
