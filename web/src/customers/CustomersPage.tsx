import { Button, Card, Empty, Flex, Input, Select, Table, Tag, Typography } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useState } from "react";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { Pager } from "../shell/Pager";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { ReadOnlyBanner } from "./ReadOnlyBanner";
import { TIERS, TIER_COLOR, parseTier } from "./heatmap";

const CustomersDocument = graphql(`
  query CustomerList($filter: CustomerFilter, $after: String) {
    customers(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        name
        industry
        region
        tags
        tier
        riskScore
        accountAuditor {
          id
          displayName
        }
      }
    }
  }
`);

const FILTERS = ["q", "tier", "region", "tag"] as const;

/** A text filter that writes to the URL on Enter; keyed by the URL value so it resets with it. */
function TextFilter({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const [text, setText] = useState(value);
  return (
    <Input.Search
      aria-label={label}
      placeholder={label}
      allowClear
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => onChange(next.trim())}
      style={{ width: 200 }}
    />
  );
}

export default function CustomersPage() {
  const { t } = useTranslation("customers");
  const table = useUrlTable(FILTERS);
  const tier = parseTier(table.filters.tier);
  const filter = {
    search: table.filters.q ?? null,
    tier,
    region: table.filters.region ?? null,
    tag: table.filters.tag ?? null,
  };
  const [{ data, error, fetching }] = useQuery({ query: CustomersDocument, variables: { filter, after: table.after } });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const connection = data?.customers;
  const filtered = Object.keys(table.filters).length > 0;
  return (
    <>
      <PageHeader title={t("list.title")} subtitle={t("list.subtitle")} />
      <Flex vertical gap={16}>
        <ReadOnlyBanner />
        <Card>
          <Flex gap={8} wrap align="center" className="filters">
            <TextFilter key={`q-${table.filters.q ?? ""}`} label={t("list.search")} value={table.filters.q ?? ""} onChange={(q) => table.setFilters({ q })} />
            <Select
              aria-label={t("list.tier")}
              style={{ width: 160 }}
              value={tier ?? ""}
              onChange={(value: string) => table.setFilters({ tier: value || null })}
              options={[{ value: "", label: t("list.allTiers") }, ...TIERS.map((value) => ({ value, label: t(`tier.${value}`) }))]}
            />
            <TextFilter key={`region-${table.filters.region ?? ""}`} label={t("list.region")} value={table.filters.region ?? ""} onChange={(region) => table.setFilters({ region })} />
            <TextFilter key={`tag-${table.filters.tag ?? ""}`} label={t("list.tag")} value={table.filters.tag ?? ""} onChange={(tag) => table.setFilters({ tag })} />
            {filtered ? <Button onClick={table.reset}>{t("list.clear")}</Button> : null}
          </Flex>
          <Table
            rowKey="id"
            className="customer-table"
            loading={fetching && !data}
            dataSource={connection?.nodes ?? []}
            pagination={false}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: <Empty description={t("list.empty")} /> }}
            columns={[
              { title: t("column.code"), key: "code", render: (_, row) => row.code },
              {
                title: t("column.name"),
                key: "name",
                render: (_, row) => <Link to={`/customers/${encodeURIComponent(row.code)}`}>{row.name}</Link>,
              },
              {
                title: t("column.tier"),
                key: "tier",
                render: (_, row) => (row.tier ? <Tag color={TIER_COLOR[row.tier]}>{t(`tier.${row.tier}`)}</Tag> : t("tier.none")),
              },
              { title: t("column.region"), key: "region", render: (_, row) => row.region ?? "—" },
              { title: t("column.industry"), key: "industry", render: (_, row) => row.industry ?? "—" },
              {
                title: t("column.tags"),
                key: "tags",
                render: (_, row) => (
                  <Flex gap={4} wrap>
                    {row.tags.map((tag) => (
                      <Tag key={tag}>{tag}</Tag>
                    ))}
                  </Flex>
                ),
              },
              { title: t("column.risk"), key: "risk", render: (_, row) => (row.riskScore == null ? "—" : row.riskScore.toFixed(1)) },
              { title: t("column.auditor"), key: "auditor", render: (_, row) => row.accountAuditor?.displayName ?? "—" },
            ]}
          />
          <Typography.Text type="secondary">{t("list.total", { count: connection?.totalCount ?? 0 })}</Typography.Text>
          <Pager table={table} hasNextPage={connection?.pageInfo.hasNextPage ?? false} endCursor={connection?.pageInfo.endCursor} />
        </Card>
      </Flex>
    </>
  );
}
