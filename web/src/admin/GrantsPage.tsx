import { Button, DatePicker, Form, Input, Popconfirm, Select, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { useState } from "react";
import dayjs, { type Dayjs } from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { CreateModal, FilteredTable } from "../shell/FilteredTable";
import { useMutationResult } from "./useMutationResult";

const GrantsDocument = graphql(`
  query AdminGrants {
    consultantGrants(first: 100) {
      nodes {
        id
        active
        expiresAt
        revokedAt
        reason
        consultant {
          id
          username
          displayName
        }
        customers {
          id
          code
          name
        }
      }
    }
    users(filter: { role: CONSULTANT, active: true }, first: 100) {
      nodes {
        id
        username
        displayName
      }
    }
    customers(first: 100) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

const GrantDocument = graphql(`
  mutation AdminGrant($input: GrantConsultantAccessInput!) {
    grantConsultantAccess(input: $input) {
      __typename
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

const RevokeDocument = graphql(`
  mutation AdminRevoke($input: RevokeConsultantGrantInput!) {
    revokeConsultantGrant(input: $input) {
      __typename
      ...UserErrorFields
    }
  }
`);

interface NewGrant {
  consultantId: string;
  customerIds: string[];
  expiresAt: Dayjs;
  reason?: string;
}

export default function GrantsPage() {
  const { t } = useTranslation("admin");
  const [{ data, error, fetching }, refetch] = useQuery({ query: GrantsDocument });
  const [, grant] = useMutation(GrantDocument);
  const [, revoke] = useMutation(RevokeDocument);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewGrant>();
  const handle = useMutationResult();
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;

  async function onGrant(values: NewGrant) {
    const result = await grant({
      input: {
        consultantId: values.consultantId,
        customerIds: values.customerIds,
        expiresAt: values.expiresAt.endOf("day").toISOString(),
        reason: values.reason ?? "",
      },
    });
    handle({ outcome: result.data?.grantConsultantAccess, error: result.error }, "ConsultantAccessGranted", {
      form,
      done: t("grants.granted"),
      onSuccess: () => {
        setOpen(false);
        form.resetFields();
        refetch({ requestPolicy: "network-only" });
      },
    });
  }

  async function onRevoke(grantId: string) {
    const result = await revoke({ input: { grantId } });
    handle({ outcome: result.data?.revokeConsultantGrant, error: result.error }, "ConsultantGrantRevoked", { done: t("grants.revoked") });
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <>
      <PageHeader
        title={t("grants.title")}
        subtitle={t("grants.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} autoInsertSpace={false} onClick={() => setOpen(true)}>
            {t("grants.create")}
          </Button>
        }
      />
        <FilteredTable
          className="grants-table"
          loading={fetching && !data}
          rows={data?.consultantGrants.nodes ?? []}
          empty={t("grants.empty")}
          columns={[
            { title: t("grants.consultant"), key: "consultant", render: (_, g) => g.consultant?.displayName ?? "—" },
            {
              title: t("grants.customers"),
              key: "customers",
              ellipsis: false,
              render: (_, g) => g.customers.map((c) => <Tag key={c.id}>{c.name}</Tag>),
            },
            { title: t("grants.expires"), key: "expires", width: 150, render: (_, g) => dayjs(g.expiresAt).format("YYYY-MM-DD HH:mm") },
            {
              title: t("column.status"),
              key: "status",
              width: 100,
              render: (_, g) => (g.active ? <Tag>{t("grants.active")}</Tag> : <Tag color="red">{g.revokedAt ? t("grants.revokedTag") : t("grants.expired")}</Tag>),
            },
            { title: t("grants.reason"), key: "reason", priority: 3, render: (_, g) => g.reason || "—" },
            {
              title: t("column.actions"),
              key: "actions",
              width: 100,
              ellipsis: false,
              render: (_, g) =>
                g.active ? (
                  <Popconfirm
                    title={t("grants.confirmRevoke")}
                    okText={t("users.yes")}
                    cancelText={t("users.no")}
                    okButtonProps={{ autoInsertSpace: false }}
                    cancelButtonProps={{ autoInsertSpace: false }}
                    onConfirm={() => onRevoke(g.id)}
                  >
                    <Button size="small" autoInsertSpace={false}>
                      {t("grants.revoke")}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      <CreateModal open={open} title={t("grants.create")} okText={t("grants.submit")} form={form} onClose={() => setOpen(false)}>
        <Form form={form} layout="vertical" onFinish={(values) => void onGrant(values)} initialValues={{ expiresAt: dayjs().add(30, "day") }}>
          <Form.Item name="consultantId" label={t("grants.consultant")} rules={[{ required: true, message: t("form.required") }]}>
            <Select showSearch optionFilterProp="label" options={(data?.users.nodes ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))} />
          </Form.Item>
          <Form.Item name="customerIds" label={t("grants.customers")} rules={[{ required: true, message: t("form.required") }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(data?.customers.nodes ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
            />
          </Form.Item>
          <Form.Item name="expiresAt" label={t("grants.expires")} rules={[{ required: true, message: t("form.required") }]}>
            <DatePicker disabledDate={(day) => day.isBefore(dayjs(), "day")} />
          </Form.Item>
          <Form.Item name="reason" label={t("grants.reason")}>
            <Input />
          </Form.Item>
        </Form>
      </CreateModal>
    </>
  );
}
