// The baseline pages of bench/web_timing.py: the same data and the same libraries (React,
// antd, rjsf with the antd theme and a JSON Schema 2020-12 Ajv), none of the portal's code
// (no shell, router, i18n, urql, sign-in, drafts). Bundled by rolldown at bench time.
import { createRoot } from "react-dom/client";
import { useEffect, useState } from "react";
import { Button, Table } from "antd";
import { Form } from "@rjsf/antd";
import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020";

const params = new URLSearchParams(location.hash.slice(1));
const token = params.get("token") ?? "";

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Accept-Language": "zh-CN" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()).data;
}

function Work() {
  const [rows, setRows] = useState<Record<string, unknown>[] | null>(null);
  useEffect(() => {
    void graphql(`{ myWork(first: 50) { totalCount nodes { kind id title dueAt overdue customer { name } } } }`).then((data) =>
      setRows(data.myWork.nodes),
    );
  }, []);
  if (!rows) return null;
  return (
    <Table
      rowKey="id"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: "What", dataIndex: "title", render: (title: string, row) => <a href={`#${String(row.id)}`} className="work-link">{title}</a> },
        { title: "Customer", render: (_: unknown, row) => (row.customer as { name?: string } | null)?.name ?? "" },
        { title: "Due", dataIndex: "dueAt" },
      ]}
    />
  );
}

const validator = customizeValidator({ AjvClass: Ajv2020 });

function Fill() {
  const [form, setForm] = useState<{ schema: object; uiSchema: object; answers: object } | null>(null);
  useEffect(() => {
    const versionId = params.get("version");
    const customerId = params.get("customer");
    void graphql(
      `query ($v: ID!, $c: ID) { formVersion(id: $v) { localizedSchema localizedUiSchema } myDraft(formVersionId: $v, customerId: $c) { answers } }`,
      { v: versionId, c: customerId },
    ).then((data) => setForm({ schema: data.formVersion.localizedSchema, uiSchema: data.formVersion.localizedUiSchema ?? {}, answers: data.myDraft?.answers ?? {} }));
  }, []);
  if (!form) return null;
  return (
    <Form schema={form.schema} uiSchema={form.uiSchema} formData={form.answers} validator={validator} liveValidate="onBlur" showErrorList={false} noHtml5Validate>
      <Button type="primary" htmlType="submit">
        Submit
      </Button>
    </Form>
  );
}

createRoot(document.getElementById("root")!).render(params.get("page") === "fill" ? <Fill /> : <Work />);
