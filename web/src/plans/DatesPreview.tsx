import { Alert, List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PlanPreviewQuery } from "../api/graphql";

type Preview = PlanPreviewQuery["previewInspectionPlan"];

/** The next dates as the server computes them (previewInspectionPlan): one list per tier, or
 * one list for a rule for everyone. Used by inspection and communication plans alike. */
export function DatesPreview({ preview, title }: { preview: Preview | undefined; title?: string }) {
  const { t } = useTranslation("plans");
  return (
    <>
      <Typography.Title level={3} className="plans-preview-title">{title ?? t("preview.title")}</Typography.Title>
      {preview?.__typename === "ValidationFailed" && <Alert type="warning" showIcon title={preview.errors.map((e) => e.message).join(" · ")} />}
      {preview?.__typename === "InspectionPlanPreview" &&
        preview.tiers.map((tier) => (
          <List
            key={tier.tier ?? "all"}
            size="small"
            className="plans-preview"
            header={<Typography.Text strong>{tier.tier ? t(`tier.${tier.tier}`) : t("tier.all")}</Typography.Text>}
            dataSource={tier.occurrences}
            renderItem={(o) => (
              <List.Item>
                <span>{t("preview.due", { date: o.dueOn })}</span>
                <Typography.Text type="secondary">{t("preview.opens", { date: o.opensOn })}</Typography.Text>
                {o.shifted && <Tag className="tag-info">{t("preview.shifted")}</Tag>}
              </List.Item>
            )}
          />
        ))}
    </>
  );
}
