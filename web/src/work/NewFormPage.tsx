import { Card, List, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";

const PublishedFormsDocument = graphql(`
  query PublishedForms {
    forms(filter: { publishedOnly: true }, first: 100) {
      nodes {
        id
        title
        description
        category
        latestVersion {
          id
        }
      }
    }
  }
`);

/** Start a form for a customer (an unplanned inspection, a credit assessment, ...). */
export default function NewFormPage() {
  const { t } = useTranslation("work");
  const [{ data, error, fetching }] = useQuery({ query: PublishedFormsDocument });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  return (
    <>
      <PageHeader title={t("newForm.title")} crumbs={[{ title: t("menu.myWork"), to: "/work" }]} subtitle={t("newForm.subtitle")} />
      <Card>
        <List
          loading={fetching && !data}
          dataSource={(data?.forms.nodes ?? []).filter((form) => form.latestVersion)}
          renderItem={(form) => (
            <List.Item key={form.id}>
              <List.Item.Meta
                title={
                  <Link to={`/work/fill/${encodeURIComponent(form.latestVersion?.id ?? "")}`}>
                    {form.title} <Tag>{t(`category.${form.category}`)}</Tag>
                  </Link>
                }
                description={<Typography.Text type="secondary">{form.description}</Typography.Text>}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
