import { App, Button, Popconfirm, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { CommunicationPlansDocument, DeactivateCommunicationPlanDocument } from "./api";
import { blankCommunication, communicationValuesOf, type CommunicationValues } from "./communicationForm";
import { CommunicationEditor } from "./CommunicationEditor";
import { localDay } from "./planForm";
import { recurrenceOf } from "./recurrence";
import "./plans.css";

/** /plans/communications: recurring contacts for the customers tiers, regions and tags target. */
export default function CommunicationsPage() {
  const { t } = useTranslation("plans");
  const { message } = App.useApp();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CommunicationPlansDocument, requestPolicy: "cache-and-network" });
  const [, deactivate] = useMutation(DeactivateCommunicationPlanDocument);
  const [editing, setEditing] = useState<{ values: CommunicationValues; id: string | null; n: number } | null>(null);
  const [today] = useState(() => localDay());
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const everyText = (rule: string) => {
    const every = recurrenceOf(rule);
    if (!every) return rule;
    return t("comms.every", { n: every.interval, unit: t(every.interval === 1 ? `frequencyOne.${every.frequency}` : `frequency.${every.frequency}`) });
  };
  const targets = (plan: { targetTiers: string[]; targetRegions: string[]; targetTags: string[] }) => [
    ...plan.targetTiers.map((tier) => <Tag key={`t:${tier}`}>{t(`tier.${tier}`)}</Tag>),
    ...plan.targetRegions.map((r) => <Tag key={`r:${r}`} className="tag-info">{r}</Tag>),
    ...plan.targetTags.map((tag) => <Tag key={`g:${tag}`}>#{tag}</Tag>),
  ];
  return (
    <div className="plans-page">
      <PageHeader
        title={t("comms.title")}
        subtitle={t("comms.subtitle")}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ values: blankCommunication(today), id: null, n: Date.now() })}>{t("comms.newButton")}</Button>}
      />
      {editing && (
        <CommunicationEditor
          key={editing.n}
          initial={editing.values}
          planId={editing.id}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            message.success(t("comms.saved"));
            refetch({ requestPolicy: "network-only" });
          }}
        />
      )}
      <Table
        rowKey="id"
        className="plans-table"
        loading={fetching}
        dataSource={data?.targetedCommunicationPlans ?? []}
        pagination={false}
        scroll={{ x: 700 }}
        columns={[
          { title: t("comms.titleField"), dataIndex: "title", className: "plans-title-cell" },
          { title: t("comms.channel"), render: (_, plan) => t(`channel.${plan.channel}`) },
          { title: t("comms.recurrence"), render: (_, plan) => <span title={plan.rrule}>{everyText(plan.rrule)}</span> },
          { title: t("comms.targets"), render: (_, plan) => targets(plan) },
          { title: t("comms.owner"), render: (_, plan) => plan.owner?.displayName ?? "—" },
          { title: t("list.status"), render: (_, plan) => (plan.active ? <Tag className="tag-good">{t("list.active")}</Tag> : <Tag>{t("list.inactive")}</Tag>) },
          {
            title: "",
            render: (_, plan) => (
              <>
                <Button size="small" type="link" onClick={() => setEditing({ values: communicationValuesOf(plan), id: plan.id, n: Date.now() })}>{t("list.edit")}</Button>
                {plan.active && (
                  <Popconfirm title={t("comms.confirmDeactivate")} onConfirm={async () => { await deactivate({ input: { planId: plan.id } }); message.success(t("list.deactivated")); refetch({ requestPolicy: "network-only" }); }}>
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
