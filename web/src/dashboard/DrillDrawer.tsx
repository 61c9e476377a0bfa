import { Drawer, Table, Typography } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { DashboardRowsDocument } from "./documents";
import { drillFilter, statusKey, type Drill } from "./drill";
import type { DashboardFilters } from "./filters";

const SHOWN = 100;

/** The rows behind a card's number (`kpiRows`: the same filter and row scope as the figure). */
export function DrillDrawer({ drill, filters, onClose }: { drill: Drill | null; filters: DashboardFilters; onClose: () => void }) {
  const { t } = useTranslation("dashboard");
  const [{ data, fetching }] = useQuery({
    query: DashboardRowsDocument,
    variables: { kpi: drill?.kpi ?? "INSPECTIONS_DUE", filter: drill ? drillFilter(drill, filters) : null, first: SHOWN },
    pause: drill == null,
    requestPolicy: "network-only",
  });
  const rows = data?.kpiRows.nodes ?? [];
  const total = data?.kpiRows.totalCount ?? 0;
  const title = drill == null ? "" : drill.name ? t("drill.auditorOpen", { name: drill.name }) : t(`drill.${drill.kpi}`);
  return (
    <Drawer open={drill != null} onClose={onClose} title={title} size="large" destroyOnHidden closable={{ "aria-label": t("drill.close") }}>
      <Typography.Paragraph type="secondary" data-testid="drill-total">
        {t("drill.total", { count: total })}
        {data?.kpiRows.hasNextPage ? ` · ${t("drill.more", { shown: SHOWN })}` : ""}
      </Typography.Paragraph>
      <Table
        data-testid="drill-rows"
        rowKey="id"
        size="small"
        loading={fetching}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t("drill.empty") }}
        scroll={{ x: 520 }}
        columns={[
          { key: "at", title: t("drill.column.at"), width: 110, render: (_, row) => (row.at ? row.at.slice(0, 10) : "—") },
          { key: "customer", title: t("drill.column.customer"), render: (_, row) => row.customerName ?? "—" },
          {
            key: "label",
            title: t("drill.column.label"),
            render: (_, row) => {
              const key = statusKey(row.label);
              return key ? t(key) : row.label;
            },
          },
          {
            key: "detail",
            title: t("drill.column.detail"),
            render: (_, row) => {
              const key = row.detail ? statusKey(row.detail) : null;
              return key ? t(key) : (row.detail ?? "—");
            },
          },
        ]}
      />
    </Drawer>
  );
}
