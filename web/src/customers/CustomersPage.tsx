import { Button, Flex, Select, Tag } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { FilteredTable } from "../shell/FilteredTable";
import { SearchFilter } from "../shell/SearchFilter";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { ReadOnlyBanner } from "./ReadOnlyBanner";
import { ExportMenu } from "../shell/ExportMenu";
import { TIERS, TIER_TAG, parseTier } from "./heatmap";

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
      <PageHeader
        title={t("list.title")}
        subtitle={t("list.subtitle")}
        extra={<ExportMenu kind="customers" filter={filter} total={connection?.totalCount} />}
      />
      <Flex vertical gap={16}>
        <ReadOnlyBanner />
        <FilteredTable
          table={table}
          className="customer-table"
          loading={fetching && !data}
          rows={connection?.nodes ?? []}
          empty={t("list.empty")}
          total={t("list.total", { count: connection?.totalCount ?? 0 })}
          pageInfo={connection?.pageInfo}
          filters={
            <>
            <SearchFilter key={`q-${table.filters.q ?? ""}`} label={t("list.search")} value={table.filters.q ?? ""} onSearch={(q) => table.setFilters({ q })} />
            <Select
              aria-label={t("list.tier")}
              style={{ width: 160 }}
              value={tier ?? ""}
              onChange={(value: string) => table.setFilters({ tier: value || null })}
              options={[{ value: "", label: t("list.allTiers") }, ...TIERS.map((value) => ({ value, label: t(`tier.${value}`) }))]}
            />
            <SearchFilter key={`region-${table.filters.region ?? ""}`} label={t("list.region")} value={table.filters.region ?? ""} onSearch={(region) => table.setFilters({ region })} />
            <SearchFilter key={`tag-${table.filters.tag ?? ""}`} label={t("list.tag")} value={table.filters.tag ?? ""} onSearch={(tag) => table.setFilters({ tag })} />
            {filtered ? <Button onClick={table.reset}>{t("list.clear")}</Button> : null}
            </>
          }
            columns={[
              { title: t("column.code"), key: "code", width: 110, render: (_, row) => row.code },
              {
                title: t("column.name"),
                key: "name",
                render: (_, row) => <Link to={`/customers/${encodeURIComponent(row.code)}`}>{row.name}</Link>,
              },
              {
                title: t("column.tier"),
                key: "tier",
                width: 100,
                render: (_, row) => (row.tier ? <Tag className={TIER_TAG[row.tier]}>{t(`tier.${row.tier}`)}</Tag> : t("tier.none")),
              },
              { title: t("column.region"), key: "region", priority: 2, render: (_, row) => row.region ?? "—" },
              { title: t("column.industry"), key: "industry", priority: 3, render: (_, row) => row.industry ?? "—" },
              {
                title: t("column.tags"),
                key: "tags",
                priority: 3,
                ellipsis: false,
                render: (_, row) => (
                  <Flex gap={4} wrap>
                    {row.tags.map((tag) => (
                      <Tag key={tag}>{tag}</Tag>
                    ))}
                  </Flex>
                ),
              },
              { title: t("column.risk"), key: "risk", width: 96, render: (_, row) => (row.riskScore == null ? "—" : row.riskScore.toFixed(1)) },
              { title: t("column.auditor"), key: "auditor", priority: 2, render: (_, row) => row.accountAuditor?.displayName ?? "—" },
            ]}
          />
      </Flex>
    </>
  );
}
