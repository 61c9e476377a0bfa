import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Switch, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { useState } from "react";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { CreateModal, FilteredTable } from "../shell/FilteredTable";
import { useMutationResult } from "./useMutationResult";
import { GRANT_TYPES, SCOPES, clientInput, type NewClient } from "./oauthScopes";

const ClientsDocument = graphql(`
  query AdminOAuthClients($active: Boolean, $after: String) {
    oauthClients(active: $active, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        clientId
        name
        grantTypes
        redirectUris
        allowedScopes
        confidential
        firstParty
        active
      }
    }
  }
`);

const RegisterDocument = graphql(`
  mutation AdminRegisterClient($input: RegisterOAuthClientInput!) {
    registerOAuthClient(input: $input) {
      __typename
      ... on OAuthClientRegistered {
        clientSecret
        client {
          id
          clientId
        }
      }
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

const DeactivateDocument = graphql(`
  mutation AdminDeactivateClient($input: DeactivateOAuthClientInput!) {
    deactivateOAuthClient(input: $input) {
      __typename
      ... on OAuthClientDeactivated {
        client {
          id
          active
        }
      }
      ...UserErrorFields
    }
  }
`);

const FILTERS = ["active"] as const;

/** The secret of a new confidential client: shown once, never again. */
function SecretOnce({ secret, clientId, onClose }: { secret: { clientId: string; value: string } | null; clientId?: string; onClose: () => void }) {
  const { t } = useTranslation("admin");
  return (
    <Modal
      open={secret !== null}
      title={t("clients.secretTitle", { clientId: secret?.clientId ?? clientId ?? "" })}
      onOk={onClose}
      onCancel={onClose}
      okText={t("clients.secretDone")}
      cancelButtonProps={{ style: { display: "none" } }}
      okButtonProps={{ autoInsertSpace: false }}
      closable={false}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t("clients.secretWarning")} className="secret-warning" />
      <Typography.Paragraph copyable={{ text: secret?.value ?? "" }} code className="client-secret">
        {secret?.value}
      </Typography.Paragraph>
    </Modal>
  );
}

export default function ClientsPage() {
  const { t } = useTranslation("admin");
  const { message } = App.useApp();
  const table = useUrlTable(FILTERS);
  const active = table.filters.active === "1" ? true : table.filters.active === "0" ? false : null;
  const [{ data, error, fetching }, refetch] = useQuery({ query: ClientsDocument, variables: { active, after: table.after } });
  const [, register] = useMutation(RegisterDocument);
  const [, deactivate] = useMutation(DeactivateDocument);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ clientId: string; value: string } | null>(null);
  const [form] = Form.useForm<NewClient>();
  const handle = useMutationResult();
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const connection = data?.oauthClients;

  async function onRegister(values: NewClient) {
    const result = await register({ input: clientInput(values) });
    handle({ outcome: result.data?.registerOAuthClient, error: result.error }, "OAuthClientRegistered", {
      form,
      onSuccess: (outcome) => {
        void message.success(t("clients.registered", { clientId: outcome.client.clientId }));
        setCreating(false);
        form.resetFields();
        if (outcome.clientSecret) setSecret({ clientId: outcome.client.clientId, value: outcome.clientSecret });
        refetch({ requestPolicy: "network-only" });
      },
    });
  }

  async function onDeactivate(clientId: string, name: string) {
    const result = await deactivate({ input: { clientId } });
    handle({ outcome: result.data?.deactivateOAuthClient, error: result.error }, "OAuthClientDeactivated", {
      done: t("clients.deactivated", { clientId: name }),
    });
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <>
      <PageHeader
        title={t("clients.title")}
        subtitle={t("clients.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} autoInsertSpace={false} onClick={() => setCreating(true)}>
            {t("clients.create")}
          </Button>
        }
      />
      <FilteredTable
        table={table}
        className="clients-table"
        loading={fetching && !data}
        rows={connection?.nodes ?? []}
        empty={t("clients.empty")}
        total={t("clients.total", { count: connection?.totalCount ?? 0 })}
        pageInfo={connection?.pageInfo}
        filters={
          <Select
            aria-label={t("users.status")}
            style={{ width: 140 }}
            value={table.filters.active ?? ""}
            onChange={(value: string) => table.setFilters({ active: value || null })}
            options={[
              { value: "", label: t("users.all") },
              { value: "1", label: t("users.active") },
              { value: "0", label: t("users.inactive") },
            ]}
          />
        }
        columns={[
          { title: t("clients.clientId"), key: "clientId", render: (_, c) => <Typography.Text code>{c.clientId}</Typography.Text> },
          { title: t("clients.name"), key: "name", priority: 2, render: (_, c) => c.name },
          {
            title: t("clients.kind"),
            key: "kind",
            width: 120,
            render: (_, c) => (c.firstParty ? t("clients.firstParty") : c.confidential ? t("clients.kindConfidential") : t("clients.public")),
          },
          {
            title: t("clients.scopes"),
            key: "scopes",
            ellipsis: false,
            render: (_, c) => (
              <span className="tag-list">
                {c.allowedScopes.slice(0, 4).map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
                {c.allowedScopes.length > 4 ? <Tag>+{c.allowedScopes.length - 4}</Tag> : null}
              </span>
            ),
          },
          { title: t("clients.redirectUris"), key: "redirects", priority: 3, render: (_, c) => c.redirectUris.join(" ") || "—" },
          {
            title: t("column.status"),
            key: "status",
            width: 100,
            render: (_, c) => (c.active ? <Tag>{t("users.active")}</Tag> : <Tag color="red">{t("users.inactive")}</Tag>),
          },
          {
            title: t("column.actions"),
            key: "actions",
            width: 110,
            ellipsis: false,
            render: (_, c) =>
              c.active && !c.firstParty ? (
                <Popconfirm
                  title={t("clients.confirmDeactivate", { clientId: c.clientId })}
                  okText={t("users.yes")}
                  cancelText={t("users.no")}
                  okButtonProps={{ autoInsertSpace: false }}
                  cancelButtonProps={{ autoInsertSpace: false }}
                  onConfirm={() => onDeactivate(c.id, c.clientId)}
                >
                  <Button size="small" autoInsertSpace={false}>
                    {t("users.deactivate")}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <CreateModal open={creating} title={t("clients.create")} okText={t("clients.register")} form={form} onClose={() => setCreating(false)}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => void onRegister(values)}
          initialValues={{ confidential: true, grantTypes: ["client_credentials"], allowedScopes: [] }}
        >
          <Form.Item name="clientId" label={t("clients.clientId")} rules={[{ required: true, message: t("form.required") }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t("clients.name")} rules={[{ required: true, message: t("form.required") }]}>
            <Input />
          </Form.Item>
          <Form.Item name="grantTypes" label={t("clients.grantTypes")} rules={[{ required: true, message: t("form.required") }]}>
            <Checkbox.Group options={GRANT_TYPES.map((g) => ({ value: g, label: t(`clients.grant.${g}`) }))} />
          </Form.Item>
          <Form.Item name="allowedScopes" label={t("clients.scopes")}>
            <Select mode="multiple" options={SCOPES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="redirectUris" label={t("clients.redirectUris")} extra={t("clients.redirectHelp")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="confidential" label={t("clients.confidential")} valuePropName="checked" extra={t("clients.confidentialHelp")}>
            <Switch />
          </Form.Item>
        </Form>
      </CreateModal>
      <SecretOnce secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
