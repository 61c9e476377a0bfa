import { App, Button, Popconfirm, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import type { CustomerTier, PlansListQuery } from "../api/graphql";
import { DeactivatePlanDocument, PlansDocument } from "./api";
import { PlanEditor } from "./PlanEditor";
import { blankPlan, localDay, type PlanValues } from "./planForm";
import { recurrenceOf, type Recurrence } from "./recurrence";
import "./plans.css";

type PlanRow = PlansListQuery["inspectionPlans"][number];

export function valuesOf(plan: PlanRow): PlanValues {
  const recurrence: Partial<Record<CustomerTier, Recurrence>> = {};
  for (const r of plan.recurrences) if (r.tier) recurrence[r.tier] = recurrenceOf(r.rule) ?? { frequency: "MONTHLY", interval: 1 };
  return {
    nameZh: plan.names.zhCN,
    nameEn: plan.names.en,
    formKey: plan.formKey,
    workflowKey: plan.workflowKey,
    tiers: plan.recurrences.map((r) => r.tier).filter((tier): tier is CustomerTier => !!tier),
    recurrence,
    startsOn: plan.startsOn,
    leadDays: plan.leadDays,
    assignment: plan.assignment,
  };
}

/** /plans: inspection and survey plans, created, changed and stopped here. */
export default function PlansPage() {
  const { t } = useTranslation("plans");
  const { message } = App.useApp();
  const [{ data, error, fetching }, refetch] = useQuery({ query: PlansDocument, requestPolicy: "cache-and-network" });
  const [, deactivate] = useMutation(DeactivatePlanDocument);
  const [editing, setEditing] = useState<{ values: PlanValues; id: string | null; lock: number | null; n: number } | null>(null);
  const [today] = useState(() => localDay());
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  return (
    <div className="plans-page">
      <PageHeader
        title={t("list.title")}
        subtitle={t("list.subtitle")}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ values: blankPlan(today), id: null, lock: null, n: Date.now() })}>{t("list.new")}</Button>}
      />
      {editing && (
        <PlanEditor
          key={editing.n}
          open
          initial={editing.values}
          planId={editing.id}
          lockVersion={editing.lock}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success(t("editor.saved"));
            refetch({ requestPolicy: "network-only" });
          }}
        />
      )}
      <Table
        rowKey="id"
        className="plans-table"
        loading={fetching}
        dataSource={data?.inspectionPlans ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        columns={[
          { title: t("list.name"), dataIndex: "name" },
          { title: t("list.form"), dataIndex: "formKey" },
          { title: t("list.workflow"), dataIndex: "workflowKey" },
          { title: t("list.recurrence"), render: (_, plan) => plan.recurrences.map((r) => <Tag key={r.tier ?? "all"}>{r.tier ? t(`tier.${r.tier}`) : t("tier.all")}: {r.rule}</Tag>) },
          { title: t("list.status"), render: (_, plan) => (plan.active ? <Tag className="tag-good">{t("list.active")}</Tag> : <Tag>{t("list.inactive")}</Tag>) },
          {
            title: "",
            render: (_, plan) => (
              <>
                <Button size="small" type="link" onClick={() => setEditing({ values: valuesOf(plan), id: plan.id, lock: plan.lockVersion, n: Date.now() })}>{t("list.edit")}</Button>
                {plan.active && (
                  <Popconfirm title={t("list.confirmDeactivate")} onConfirm={async () => { await deactivate({ input: { planId: plan.id } }); message.success(t("list.deactivated")); refetch({ requestPolicy: "network-only" }); }}>
                    <Button size="small" type="link" danger>{t("list.deactivate")}</Button>
                  </Popconfirm>
                )}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
