import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string | undefined> = { ASSIGNED: "blue", AGREED: "green", DISCREPANT: "orange" };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation("verification");
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
