import { App, Button, Form, Input, Popconfirm, Select, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { useState } from "react";
import { graphql, type Role } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { CreateModal, FilteredTable } from "../shell/FilteredTable";
import { SearchFilter } from "../shell/SearchFilter";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { useViewer } from "../shell/viewer";
import { useMutationResult } from "./useMutationResult";

const UsersDocument = graphql(`
  query AdminUsers($filter: UserFilter, $after: String) {
    users(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        username
        displayName
        role
        email
        active
      }
    }
  }
`);

const CreateUserDocument = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on UserCreated {
        user {
          id
          username
        }
      }
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

const UpdateUserDocument = graphql(`
  mutation AdminUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      __typename
      ... on UserUpdated {
        user {
          id
          role
          active
        }
      }
      ...UserErrorFields
    }
  }
`);

// Customer users need a customer, which this form does not pick; they are created from the
// customer's side (or the API).
const ROLES: Role[] = ["ADMIN", "MANAGER", "AUDITOR", "CONSULTANT", "SERVICE"];
const FILTERS = ["q", "role", "active"] as const;

interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  password?: string;
}

export default function UsersPage() {
  const { t } = useTranslation("admin");
  const { message } = App.useApp();
  const viewer = useViewer();
  const table = useUrlTable(FILTERS);
  const role = (ROLES as string[]).concat("CUSTOMER").includes(table.filters.role ?? "") ? (table.filters.role as Role) : null;
  const active = table.filters.active === "1" ? true : table.filters.active === "0" ? false : null;
  const [{ data, error, fetching }, refetch] = useQuery({
    query: UsersDocument,
    variables: { filter: { search: table.filters.q ?? null, role, active }, after: table.after },
  });
  const [, create] = useMutation(CreateUserDocument);
  const [, update] = useMutation(UpdateUserDocument);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewUser>();
  const handle = useMutationResult();
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const connection = data?.users;

  async function onCreate(values: NewUser) {
    const result = await create({
      input: { ...values, email: values.email || null, password: values.password || null, displayName: values.displayName ?? "" },
    });
    handle({ outcome: result.data?.createUser, error: result.error }, "UserCreated", {
      form,
      onSuccess: (outcome) => {
        void message.success(t("users.created", { name: outcome.user.username }));
        setCreating(false);
        form.resetFields();
        refetch({ requestPolicy: "network-only" });
      },
    });
  }

  async function onUpdate(userId: string, name: string, change: { role?: Role; active?: boolean }) {
    const result = await update({ input: { userId, ...change } });
    handle({ outcome: result.data?.updateUser, error: result.error }, "UserUpdated", { done: t("users.updated", { name }) });
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <>
      <PageHeader
        title={t("users.title")}
        subtitle={t("users.subtitle")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("users.create")}
          </Button>
        }
      />
      <FilteredTable
        table={table}
        className="users-table"
        loading={fetching && !data}
        rows={connection?.nodes ?? []}
        empty={t("users.empty")}
        total={t("users.total", { count: connection?.totalCount ?? 0 })}
        pageInfo={connection?.pageInfo}
        filters={
          <>
          <SearchFilter key={`q-${table.filters.q ?? ""}`} width={220} label={t("users.search")} value={table.filters.q ?? ""} onSearch={(q) => table.setFilters({ q })} />
          <Select
            aria-label={t("column.role")}
            style={{ width: 160 }}
            value={role ?? ""}
            onChange={(value: string) => table.setFilters({ role: value || null })}
            options={[{ value: "", label: t("users.allRoles") }, ...[...ROLES, "CUSTOMER" as Role].map((r) => ({ value: r, label: t(`role.${r}`) }))]}
          />
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
          </>
        }
          columns={[
            // The person and their login in one cell: on a tablet held upright the name stays.
            {
              title: t("column.name"),
              key: "name",
              ellipsis: false,
              render: (_, u) => (
                <div className="user-cell">
                  <div>{u.displayName || u.username}</div>
                  <Typography.Text type="secondary" className="user-login">
                    {u.username}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t("column.role"),
              key: "role",
              // Wide enough for the longest role name ("Compliance administrator") in full.
              width: 244,
              ellipsis: false,
              render: (_, u) =>
                u.role === "CUSTOMER" || u.id === viewer.user?.id ? (
                  t(`role.${u.role}`)
                ) : (
                  <Select
                    aria-label={t("users.roleOf", { name: u.username })}
                    size="small"
                    style={{ width: 224 }}
                    value={u.role}
                    onChange={(next: Role) => void onUpdate(u.id, u.username, { role: next })}
                    options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  />
                ),
            },
            { title: t("column.email"), key: "email", priority: 3, render: (_, u) => u.email ?? "—" },
            {
              title: t("column.status"),
              key: "status",
              width: 100,
              render: (_, u) => (u.active ? <Tag>{t("users.active")}</Tag> : <Tag color="red">{t("users.inactive")}</Tag>),
            },
            {
              title: t("column.actions"),
              key: "actions",
              width: 130,
              ellipsis: false,
              render: (_, u) =>
                u.id === viewer.user?.id ? null : u.active ? (
                  <Popconfirm
                    title={t("users.confirmDeactivate", { name: u.username })}
                    okText={t("users.yes")}
                    cancelText={t("users.no")}
                    okButtonProps={{ autoInsertSpace: false }}
                    cancelButtonProps={{ autoInsertSpace: false }}
                    onConfirm={() => onUpdate(u.id, u.username, { active: false })}
                  >
                    <Button size="small" autoInsertSpace={false}>
                      {t("users.deactivate")}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" autoInsertSpace={false} onClick={() => void onUpdate(u.id, u.username, { active: true })}>
                    {t("users.reactivate")}
                  </Button>
                ),
            },
          ]}
        />
      <CreateModal open={creating} title={t("users.create")} okText={t("form.submit")} form={form} onClose={() => setCreating(false)}>
        <Form form={form} layout="vertical" onFinish={(values) => void onCreate(values)} initialValues={{ role: "AUDITOR" }}>
          <Form.Item name="username" label={t("form.username")} rules={[{ required: true, message: t("form.required") }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t("form.displayName")} rules={[{ required: true, message: t("form.required") }]}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t("form.email")}>
            <Input type="email" />
          </Form.Item>
          <Form.Item name="role" label={t("form.role")}>
            <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="password" label={t("form.password")}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </CreateModal>
    </>
  );
}
