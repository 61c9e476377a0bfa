import { Button, Card, Empty, Table, Tag } from "antd";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { MyVerificationsQuery } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { MyVerificationsDocument } from "./api";
import { StatusTag } from "./StatusTag";

type Row = MyVerificationsQuery["myVerifications"][number];

export default function MyVerificationsPage() {
  const { t } = useTranslation("verification");
  const [{ data, error }] = useQuery({ query: MyVerificationsDocument, requestPolicy: "cache-and-network" });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const rows = data?.myVerifications ?? [];
  return (
    <>
      <PageHeader title={t("mine.title")} subtitle={t("mine.subtitle")} />
      <Card>
        {rows.length === 0 && data ? (
          <Empty description={t("mine.empty")} />
        ) : (
          <Table
            rowKey="id"
            dataSource={rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t("mine.column.period"), dataIndex: "period", key: "period" },
              { title: t("mine.column.tier"), key: "tier", render: (_: unknown, row: Row) => <Tag>{t(`tier.${row.tier}`)}</Tag> },
              { title: t("mine.column.status"), key: "status", render: (_: unknown, row: Row) => <StatusTag status={row.status} /> },
              { title: t("mine.column.fields"), dataIndex: "fieldsVerified", key: "fields" },
              { title: t("mine.column.discrepancies"), dataIndex: "discrepancyCount", key: "discrepancies" },
              {
                title: t("mine.column.action"),
                key: "action",
                render: (_: unknown, row: Row) => (
                  <Link to={`/verification/mine/${row.id}`}>
                    <Button size="small" type={row.status === "ASSIGNED" ? "primary" : "default"}>
                      {t(row.status === "ASSIGNED" ? "mine.open" : "mine.view")}
                    </Button>
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
