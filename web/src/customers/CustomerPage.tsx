import { App, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Table, Tag, Timeline, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "urql";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { useViewer } from "../shell/viewer";
import { localized } from "../shell/localized";
import { Evidence } from "../cases/EvidenceCard";
import { ReadOnlyBanner } from "./ReadOnlyBanner";
import { HeatMap } from "./HeatMap";
import { TIER_TAG, type Tier } from "./heatmap";
import { downloadReport } from "./download";

const CustomerDocument = graphql(`
  query CustomerDetail($code: String!) {
    customer(code: $code) {
      id
      code
      name
      industry
      region
      tags
      riskScore
      transactionVolume
      tier
      ruleTier
      tierSource
      accountAuditor {
        id
        displayName
      }
      contacts {
        name
        title
        email
        phone
        primary
      }
      activeOverride {
        tier
        reason
        expiresAt
      }
      tierHistory {
        fromTier
        toTier
        source
        reason
        matchedRule
        actor
        changedAt
      }
      creditFile {
        grade
        creditLimit
        records {
          id
          grade
          creditLimit
          currency
          assessedAt
          gradeBasis
          note
        }
      }
      risks {
        id
        category
        title
        severity
        likelihood
        impact
        status
        reviewOn
        owner {
          id
          displayName
        }
      }
      communications {
        id
        channel
        occurredAt
        summary
        participants
      }
    }
  }
`);

const CustomerActivityDocument = graphql(`
  query CustomerActivity($customerId: ID!) {
    riskHeatMap(filter: { customerId: $customerId }) {
      likelihood
      impact
      count
    }
    submissions(filter: { customerId: $customerId }, first: 20) {
      totalCount
      nodes {
        id
        submittedAt
        form {
          id
          title
        }
        submittedBy {
          id
          displayName
        }
        score {
          percent
        }
        hasFindings
        attachments {
          id
          kind
          fileName
          contentType
          byteSize
          caption
          fieldPath
          url
          thumbnailUrl
          hasThumbnail
        }
      }
    }
  }
`);

// Staff only (plans.read, workflows.read): consultants' grants do not open plans or cases.
const CustomerStaffDocument = graphql(`
  query CustomerStaff($customerId: ID!) {
    scheduledInspections(filter: { customerId: $customerId }, first: 20) {
      nodes {
        id
        period
        dueOn
        opensOn
        status
        statusLabel
        plan {
          id
          name
        }
        assignee {
          id
          displayName
        }
      }
    }
    workflowInstances(filter: { customerId: $customerId, includeClosed: true }, first: 50) {
      nodes {
        id
        stateTitle
        version {
          id
          definition
        }
        reports {
          id
          template
          language
          createdAt
          downloadUrl
        }
      }
    }
  }
`);

/** A submission row opened: its photos and files. */
function evidenceRow(submission: { attachments: Parameters<typeof Evidence>[0]["attachments"] }) {
  return <Evidence attachments={submission.attachments} />;
}

function when(value: string | null | undefined, format = "YYYY-MM-DD HH:mm"): string {
  return value ? dayjs(value).format(format) : "—";
}

function H2({ children }: { children: string }) {
  return <h2 className="card-title">{children}</h2>;
}

export default function CustomerPage() {
  const { t } = useTranslation("customers");
  const { message } = App.useApp();
  const viewer = useViewer();
  const staff = viewer.role !== "CONSULTANT";
  const { code = "" } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: CustomerDocument, variables: { code } });
  const customerId = data?.customer?.id ?? "";
  const [activity] = useQuery({ query: CustomerActivityDocument, variables: { customerId }, pause: !customerId });
  const [staffData] = useQuery({ query: CustomerStaffDocument, variables: { customerId }, pause: !customerId || !staff });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  if (fetching && !data) return null;
  const customer = data?.customer;
  if (!customer) return <ErrorPage kind="404" message={t("customer.notFound")} />;
  const tierTag = (tier: Tier | null | undefined) =>
    tier ? <Tag className={TIER_TAG[tier]}>{t(`tier.${tier}`)}</Tag> : <Tag>{t("tier.none")}</Tag>;
  const reports = (staffData.data?.workflowInstances.nodes ?? []).flatMap((instance) =>
    instance.reports.map((report) => ({ ...report, title: localized((instance.version.definition as { title?: unknown } | null)?.title, instance.stateTitle) })),
  );
  const none = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customer.none")} />;

  async function onDownload(url: string, name: string) {
    if (!(await downloadReport(url, name))) void message.error(t("customer.notFound"));
  }

  return (
    <>
      <PageHeader
        title={customer.name}
        crumbs={[{ title: t("menu.customers"), to: "/customers" }]}
        subtitle={
          <Flex gap={8} align="center" wrap>
            {customer.code} {tierTag(customer.tier)}
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <ReadOnlyBanner />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card title={<H2>{t("customer.profile")}</H2>} className="full-height">
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                items={[
                  { key: "code", label: t("customer.code"), children: customer.code },
                  { key: "industry", label: t("customer.industry"), children: customer.industry ?? "—" },
                  { key: "region", label: t("customer.region"), children: customer.region ?? "—" },
                  { key: "auditor", label: t("customer.auditor"), children: customer.accountAuditor?.displayName ?? "—" },
                  { key: "risk", label: t("customer.riskScore"), children: customer.riskScore?.toFixed(1) ?? "—" },
                  { key: "volume", label: t("customer.volume"), children: customer.transactionVolume ?? "—" },
                  {
                    key: "tags",
                    label: t("customer.tags"),
                    children: customer.tags.length ? customer.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : "—",
                  },
                  {
                    key: "contacts",
                    label: t("customer.contacts"),
                    children: customer.contacts.length
                      ? customer.contacts.map((c) => [c.name, c.title, c.phone, c.email].filter(Boolean).join(" · ")).join("; ")
                      : "—",
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={<H2>{t("customer.tier")}</H2>} className="full-height">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: "tier", label: t("customer.tier"), children: tierTag(customer.tier) },
                  { key: "rule", label: t("customer.ruleTier"), children: tierTag(customer.ruleTier) },
                  {
                    key: "override",
                    label: t("customer.override"),
                    children: customer.activeOverride
                      ? `${t("customer.overrideUntil", { tier: t(`tier.${customer.activeOverride.tier}`), until: when(customer.activeOverride.expiresAt, "YYYY-MM-DD") })} · ${customer.activeOverride.reason}`
                      : "—",
                  },
                  { key: "grade", label: t("customer.grade"), children: customer.creditFile?.grade ?? "—" },
                  { key: "limit", label: t("customer.limit"), children: customer.creditFile?.creditLimit ?? "—" },
                ]}
              />
            </Card>
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card title={<H2>{t("customer.tierHistory")}</H2>} className="full-height">
              {customer.tierHistory.length ? (
                <Timeline
                  items={customer.tierHistory.map((change, index) => ({
                    key: index,
                    content: (
                      <>
                        <Typography.Text strong>
                          {t("customer.changed", { from: t(`tier.${change.fromTier}`), to: t(`tier.${change.toTier}`) })}
                        </Typography.Text>{" "}
                        · {t(`source.${change.source}`)} · {when(change.changedAt)}
                        {change.reason || change.matchedRule ? <div>{change.reason ?? change.matchedRule}</div> : null}
                      </>
                    ),
                  }))}
                />
              ) : (
                none
              )}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={<H2>{t("customer.creditHistory")}</H2>} className="full-height">
              {customer.creditFile?.records.length ? (
                <Timeline
                  items={customer.creditFile.records.map((record) => ({
                    key: record.id,
                    content: (
                      <>
                        <Typography.Text strong>{record.grade}</Typography.Text>
                        {record.creditLimit ? ` · ${record.creditLimit} ${record.currency}` : ""} · {when(record.assessedAt, "YYYY-MM-DD")}
                        <div>{record.note ?? record.gradeBasis}</div>
                      </>
                    ),
                  }))}
                />
              ) : (
                none
              )}
            </Card>
          </Col>
        </Row>
        <Card title={<H2>{t("customer.risks")}</H2>}>
          <Row gutter={[24, 16]}>
            <Col xs={24} lg={9}>
              <Typography.Paragraph type="secondary">{t("customer.heatMap")}</Typography.Paragraph>
              <HeatMap cells={activity.data?.riskHeatMap ?? []} />
            </Col>
            <Col xs={24} lg={15}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: "max-content" }}
                dataSource={customer.risks}
                locale={{ emptyText: none }}
                columns={[
                  { title: t("column2.title"), key: "title", render: (_, r) => r.title },
                  { title: t("column2.category"), key: "category", render: (_, r) => t(`category.${r.category}`) },
                  { title: t("column2.severity"), key: "severity", render: (_, r) => `${r.severity} (${r.likelihood}×${r.impact})` },
                  {
                    title: t("column2.status"),
                    key: "status",
                    render: (_, r) => <Tag color={r.status === "OPEN" ? "red" : "default"}>{t(r.status === "OPEN" ? "customer.open" : "customer.closed")}</Tag>,
                  },
                  { title: t("column2.review"), key: "review", render: (_, r) => r.reviewOn ?? "—" },
                ]}
              />
            </Col>
          </Row>
        </Card>
        <Card title={<H2>{t("customer.communications")}</H2>}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={customer.communications}
            locale={{ emptyText: none }}
            columns={[
              { title: t("column2.when"), key: "when", render: (_, c) => when(c.occurredAt) },
              { title: t("column2.channel"), key: "channel", render: (_, c) => t(`channel.${c.channel}`) },
              { title: t("column2.summary"), key: "summary", render: (_, c) => c.summary },
            ]}
          />
        </Card>
        {staff ? (
          <Card title={<H2>{t("customer.inspections")}</H2>}>
            <Table
              rowKey="id"
              size="small"
              className="inspection-calendar"
              pagination={false}
              scroll={{ x: "max-content" }}
              loading={staffData.fetching && !staffData.data}
              dataSource={staffData.data?.scheduledInspections.nodes ?? []}
              locale={{ emptyText: none }}
              columns={[
                { title: t("column2.due"), key: "due", render: (_, s) => s.dueOn },
                { title: t("column2.period"), key: "period", render: (_, s) => s.period },
                { title: t("column2.form"), key: "plan", render: (_, s) => localized(s.plan?.name, "—") },
                { title: t("column2.status"), key: "status", render: (_, s) => <Tag>{s.statusLabel}</Tag> },
                { title: t("column2.assignee"), key: "assignee", render: (_, s) => s.assignee?.displayName ?? "—" },
              ]}
            />
          </Card>
        ) : null}
        <Card title={<H2>{t("customer.submissions")}</H2>}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: "max-content" }}
            loading={activity.fetching && !activity.data}
            dataSource={activity.data?.submissions.nodes ?? []}
            locale={{ emptyText: none }}
            // The photos and files of a submission, within the caller's scope (a consultant's
            // grant); no expand column when no row has any.
            expandable={
              (activity.data?.submissions.nodes ?? []).some((s) => s.attachments.length > 0)
                ? { rowExpandable: (s) => s.attachments.length > 0, expandedRowRender: evidenceRow }
                : undefined
            }
            columns={[
              { title: t("column2.submitted"), key: "at", render: (_, s) => when(s.submittedAt) },
              { title: t("column2.form"), key: "form", render: (_, s) => s.form.title },
              { title: t("column2.by"), key: "by", render: (_, s) => s.submittedBy?.displayName ?? "—" },
              {
                title: t("customer.score"),
                key: "score",
                render: (_, s) => (
                  <>
                    {s.score?.percent == null ? "—" : `${s.score.percent.toFixed(0)}%`}{" "}
                    {s.hasFindings ? <Tag color="red">{t("customer.findings")}</Tag> : null}
                  </>
                ),
              },
            ]}
          />
        </Card>
        {staff ? (
          <Card title={<H2>{t("customer.reports")}</H2>}>
            {reports.length ? (
              <List
                dataSource={reports}
                renderItem={(report) => (
                  <List.Item
                    key={report.id}
                    actions={[
                      <Button
                        key="download"
                        icon={<DownloadOutlined />}
                        onClick={() => void onDownload(report.downloadUrl, `${customer.code}-${report.template}-${report.language}.pdf`)}
                      >
                        {t("customer.download")}
                      </Button>,
                    ]}
                  >
                    {report.title} · {report.language} · {when(report.createdAt)}
                  </List.Item>
                )}
              />
            ) : (
              none
            )}
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
