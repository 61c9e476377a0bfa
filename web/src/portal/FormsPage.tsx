import { Card, Empty, List, Tag, Typography } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";

const OfferedFormsDocument = graphql(`
  query OfferedForms {
    forms(filter: { publishedOnly: true }, first: 100) {
      nodes {
        id
        key
        title
        description
        category
        latestVersion {
          id
          number
        }
      }
    }
  }
`);

export default function FormsPage() {
  const { t } = useTranslation("portal");
  const [{ data, error, fetching }] = useQuery({ query: OfferedFormsDocument });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const forms = data?.forms.nodes ?? [];
  return (
    <>
      <PageHeader title={t("forms.title")} subtitle={t("forms.subtitle")} />
      <Card>
        <List
          loading={fetching && !data}
          dataSource={forms}
          locale={{ emptyText: <Empty description={t("forms.empty")} /> }}
          renderItem={(form) => (
            <List.Item key={form.id}>
              <List.Item.Meta
                title={
                  <>
                    {form.latestVersion ? (
                      <Link to={`/portal/fill/${encodeURIComponent(form.latestVersion.id)}`}>{form.title}</Link>
                    ) : (
                      <Typography.Text strong>{form.title}</Typography.Text>
                    )}{" "}
                    <Tag>{t(`category.${form.category}`)}</Tag>
                  </>
                }
                description={form.description}
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
