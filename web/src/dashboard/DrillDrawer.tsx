import { Alert, Drawer, Table, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { DashboardInspectionsDocument } from "./documents";
import { drillFilter, keepRows, overdue, type Drill } from "./drill";
import type { DashboardFilters } from "./filters";

const SHOWN = 100;

/** The rows behind a card's number: the scheduled inspections it counts. */
export function DrillDrawer({ drill, filters, today, onClose }: { drill: Drill | null; filters: DashboardFilters; today: string; onClose: () => void }) {
  const { t } = useTranslation("dashboard");
  const [{ data, fetching }] = useQuery({
    query: DashboardInspectionsDocument,
    variables: { filter: drill ? drillFilter(drill, filters, today) : null, first: SHOWN },
    pause: drill == null,
    requestPolicy: "network-only",
  });
  const fetched = data?.scheduledInspections.totalCount ?? 0;
  const rows = keepRows(data?.scheduledInspections.nodes ?? [], filters);
  // Narrowed by tier or region here: the count is of the rows fetched (at most SHOWN).
  const total = filters.tier || filters.region ? rows.length : fetched;
  const title = drill == null ? "" : drill.kind === "due" ? t("drill.due") : drill.name ? t("drill.auditorOpen", { name: drill.name }) : t("drill.open");
  return (
    <Drawer open={drill != null} onClose={onClose} title={title} size="large" destroyOnHidden closable={{ "aria-label": t("drill.close") }}>
      {filters.form && <Alert type="info" showIcon title={t("drill.scopeNote")} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary" data-testid="drill-total">
        {t("drill.total", { count: total })}
        {fetched > SHOWN ? ` · ${t("drill.more", { shown: SHOWN })}` : ""}
      </Typography.Paragraph>
      <Table
        data-testid="drill-rows"
        rowKey="id"
        size="small"
        loading={fetching}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t("drill.empty") }}
        scroll={{ x: 560 }}
        columns={[
          { key: "due", title: t("drill.column.due"), dataIndex: "dueOn", width: 110 },
          {
            key: "customer",
            title: t("drill.column.customer"),
            render: (_, row) => (row.customer ? <Link to={`/customers/${encodeURIComponent(row.customer.code)}`}>{row.customer.name}</Link> : "—"),
          },
          { key: "plan", title: t("drill.column.plan"), render: (_, row) => row.plan?.name ?? "—" },
          {
            key: "status",
            title: t("drill.column.status"),
            width: 130,
            render: (_, row) => (
              <>
                {row.statusLabel}
                {overdue(row, today) && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t("drill.overdueTag")}
                  </Tag>
                )}
              </>
            ),
          },
          { key: "assignee", title: t("drill.column.assignee"), render: (_, row) => (row.assignee ? row.assignee.displayName || row.assignee.username : t("unassigned")) },
        ]}
      />
    </Drawer>
  );
}
