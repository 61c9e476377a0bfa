import type { ReactNode } from "react";
import { Button, Card, Flex, Skeleton, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Trend } from "./series";

// Dark enough for 4.5:1 contrast on white.
const TONE = { good: "#237804", bad: "#a8071a", neutral: "#595959" } as const;

/** One KPI: its label, its number (a button opening the rows behind it), a note and a trend. */
export function KpiCard({
  label,
  value,
  note,
  trend,
  delta,
  loading,
  onOpen,
  testId,
}: {
  label: string;
  value: string;
  note: ReactNode;
  trend?: Trend;
  delta?: string;
  loading: boolean;
  onOpen?: () => void;
  testId: string;
}) {
  const { t } = useTranslation("dashboard");
  const Arrow = trend?.direction === "up" ? ArrowUpOutlined : trend?.direction === "down" ? ArrowDownOutlined : MinusOutlined;
  const number = (
    <span className="kpi-card-value" data-testid={`${testId}-value`}>
      {value}
    </span>
  );
  return (
    <Card className="kpi-card" data-testid={testId} styles={{ body: { padding: "16px 20px" } }}>
      <Typography.Text type="secondary" className="kpi-card-label">
        {label}
      </Typography.Text>
      {loading ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} style={{ marginTop: 12 }} />
      ) : (
        <>
          <div className="kpi-card-number">
            {onOpen ? (
              <Button type="link" onClick={onOpen} className="kpi-card-link" title={t("card.openRows")} aria-label={`${label}: ${value}, ${t("card.openRows")}`}>
                {number}
              </Button>
            ) : (
              number
            )}
          </div>
          <Typography.Text type="secondary" className="kpi-card-note">
            {note}
          </Typography.Text>
          {trend && (
            <Flex gap={6} align="center" className="kpi-card-trend" style={{ color: TONE[trend.tone] }}>
              <Arrow aria-hidden />
              <span>{trend.delta == null ? t("card.noPrevious") : `${delta} ${t("card.vsPrevious")}`}</span>
            </Flex>
          )}
        </>
      )}
    </Card>
  );
}
