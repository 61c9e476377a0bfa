import { Button, Card, Flex, Table, Tag, Typography } from "antd";
import { CopyOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { DefinitionsDocument } from "./api";

// The shipped workflows (workflows/*.json): offered as starting points.
export const BUILT_IN = ["complaint-handling", "corrective-action", "inspection", "survey-follow-up", "training-record"];

/** /designer: every workflow, and a gallery of the built-in ones to start from. */
export default function ListPage() {
  const { t } = useTranslation("designer");
  const navigate = useNavigate();
  const [{ data, error, fetching }] = useQuery({ query: DefinitionsDocument, requestPolicy: "cache-and-network" });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const rows = data?.workflowDefinitions ?? [];
  const templates = rows.filter((row) => BUILT_IN.includes(row.key));
  return (
    <>
      <PageHeader
        title={t("list.title")}
        subtitle={t("list.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate("/designer/new")}>
            {t("list.new")}
          </Button>
        }
      />
      <Typography.Title level={2} className="designer-section-title">
        {t("list.gallery")}
      </Typography.Title>
      <Flex gap={12} wrap className="designer-gallery">
        {templates.map((row) => (
          <Card key={row.key} size="small" title={row.title} className="designer-template" actions={[<Link key="copy" to={`/designer/new?from=${row.key}`}><CopyOutlined /> {t("list.useTemplate")}</Link>]}>
            <Typography.Text type="secondary">{row.key}</Typography.Text>
          </Card>
        ))}
      </Flex>
      <Typography.Title level={2} className="designer-section-title">
        {t("list.all")}
      </Typography.Title>
      <Table
        rowKey="id"
        loading={fetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 600 }}
        columns={[
          { title: t("list.name"), dataIndex: "title", render: (title: string, row) => <Link to={`/designer/${row.key}`}>{title}</Link> },
          { title: t("list.key"), dataIndex: "key" },
          { title: t("list.subject"), dataIndex: "subject", render: (subject: string) => t(`subject.${subject}`) },
          { title: t("list.version"), render: (_, row) => (row.latestVersion ? <Tag className="tag-good">v{row.latestVersion.number}</Tag> : <Tag>{t("list.unpublished")}</Tag>) },
          { title: "", render: (_, row) => <Link to={`/designer/${row.key}`} aria-label={t("list.edit", { name: row.title })}><EditOutlined /> {t("list.editShort")}</Link> },
        ]}
      />
    </>
  );
}
