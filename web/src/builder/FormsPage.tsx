import { useState } from "react";
import { Alert, Button, Card, Flex, Form, Input, Modal, Radio, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { Link, useNavigate } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { BuilderFormsDocument, BuilderTemplateDocument, CreateFormDraftDocument } from "./queries";
import { KEY_PATTERN, newDefinition } from "./newForm";
import type { JsonObject } from "./model";

interface NewFormValues {
  template: string;
  key: string;
  titleZh: string;
  titleEn: string;
}

/** The forms an admin designs, and "new form": empty or from a template (the built-in forms). */
export default function FormsPage() {
  const { t, i18n } = useTranslation("builder");
  const [{ data, error, fetching }] = useQuery({ query: BuilderFormsDocument, requestPolicy: "cache-and-network" });
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [, create] = useMutation(CreateFormDraftDocument);
  const client = useClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewFormValues>();
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const forms = data?.forms.nodes ?? [];

  async function onCreate(values: NewFormValues) {
    setProblem(null);
    let template: JsonObject | null = null;
    if (values.template !== "empty") {
      const res = await client.query(BuilderTemplateDocument, { id: values.template }).toPromise();
      template = (res.data?.form?.draft as JsonObject) ?? null;
    }
    const result = await create({ input: { definition: newDefinition(template, values.key, values.titleZh, values.titleEn) } });
    const answer = result.data?.createFormDraft;
    if (answer?.__typename === "FormDraftSaved") navigate(`/builder/${answer.form.id}`);
    else if (answer?.__typename === "ValidationFailed") setProblem([answer.message, ...answer.errors.map((e) => `${e.pointer}: ${e.message}`)].join(" "));
    else setProblem(answer && "message" in answer ? answer.message : (result.error?.message ?? ""));
  }

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("list.title")}
        subtitle={t("list.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t("list.newForm")}
          </Button>
        }
      />
      <Card>
        <Table
          rowKey="id"
          loading={fetching}
          dataSource={forms}
          pagination={false}
          columns={[
            { title: t("list.formTitleZh").replace(/（.*）|\(.*\)/, ""), render: (_, f) => <Link to={`/builder/${f.id}`}>{f.title}</Link> },
            { title: t("list.key"), dataIndex: "key" },
            {
              title: "",
              render: (_, f) => (
                <Flex gap={4} wrap>
                  <Tag color={f.latestVersion ? "blue" : "default"}>{f.latestVersion ? t("list.latest", { n: f.latestVersion.number }) : t("list.none")}</Tag>
                  {f.hasUnpublishedChanges ? <Tag className="tag-warn">{t("list.unpublished")}</Tag> : null}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={open} title={t("list.newForm")} okText={t("list.create")} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ template: "empty" }} onFinish={(v) => void onCreate(v)}>
          <Form.Item name="template" label={t("list.gallery")}>
            <Radio.Group
              className="builder-gallery"
              options={[{ value: "empty", label: t("list.empty") }, ...forms.map((f) => ({ value: f.id, label: i18n.language === "zh-CN" ? f.titles.zhCN : f.titles.en }))]}
            />
          </Form.Item>
          <Form.Item name="key" label={t("list.key")} extra={t("list.keyHint")} rules={[{ required: true, pattern: KEY_PATTERN, message: t("list.keyHint") }]}>
            <Input />
          </Form.Item>
          <Form.Item name="titleZh" label={t("list.formTitleZh")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="titleEn" label={t("list.formTitleEn")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
        </Form>
      </Modal>
    </Flex>
  );
}
