import { useState } from "react";
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag } from "antd";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import type { VerificationPlansQuery } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { DeletePlanDocument, DrawDocument, DrawsDocument, PlansDocument, SavePlanDocument, resultMessage } from "./api";
import { PlanEditor } from "./PlanEditor";
import { DrawItems } from "./DrawItems";
import { poolSummary, type Verifier } from "./pool";
import { TIERS, emptyPlan, planInput, previousPeriod, validPeriod, type PlanDraft, type Tier } from "./model";
import "./verification.css";

type Plan = VerificationPlansQuery["verificationPlans"][number];

function draftOf(plan: Plan): PlanDraft {
  const sizes = { ...emptyPlan().tierSizes };
  for (const s of plan.tierSizes) if ((TIERS as readonly string[]).includes(s.tier)) sizes[s.tier as Tier] = s.size;
  return {
    id: plan.id,
    name: plan.name,
    formIds: plan.formIds,
    periodUnit: plan.periodUnit,
    sizing: plan.sizing,
    tierSizes: sizes,
    confidence: plan.confidence,
    tolerableError: plan.tolerableError,
    expectedError: plan.expectedError,
    active: plan.active,
    verifierIds: plan.verifierIds,
    verifierTeams: plan.verifierTeams,
    dueDays: plan.dueDays,
  };
}

function itemsRow(verifiers: Verifier[]) {
  return function renderItems(draw: { id: string }) {
    return <DrawItems drawId={draw.id} verifiers={verifiers} />;
  };
}

function Draws({ planId, verifiers }: { planId: string; verifiers: Verifier[] }) {
  const { t } = useTranslation("verification");
  const [{ data }] = useQuery({ query: DrawsDocument, variables: { planId }, requestPolicy: "cache-and-network" });
  const rows = data?.verificationDraws ?? [];
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      scroll={{ x: true }}
      locale={{ emptyText: " " }}
      expandable={{ expandedRowRender: itemsRow(verifiers) }}
      columns={[
        { title: t("plans.column.period"), dataIndex: "period", key: "period" },
        { title: t("plans.column.seed"), dataIndex: "seed", key: "seed" },
        {
          title: t("plans.column.strata"),
          key: "strata",
          render: (_: unknown, row: (typeof rows)[number]) => (
            <Space wrap size={4}>
              {row.strata.map((s) => (
                <Tag key={s.tier}>{`${t(`tier.${s.tier}`)} ${s.population} / ${s.sample}`}</Tag>
              ))}
            </Space>
          ),
        },
        { title: t("plans.column.drawnAt"), key: "drawnAt", render: (_: unknown, row: (typeof rows)[number]) => dayjs(row.drawnAt).format("YYYY-MM-DD HH:mm") },
        { title: t("plans.dueAt"), key: "dueAt", render: (_: unknown, row: (typeof rows)[number]) => dayjs(row.dueAt).format("YYYY-MM-DD HH:mm") },
      ]}
    />
  );
}

function drawsRow(drawKey: number, verifiers: Verifier[]) {
  return function renderDraws(plan: Plan) {
    return <Draws key={`${plan.id}-${drawKey}`} planId={plan.id} verifiers={verifiers} />;
  };
}

export default function PlansPage() {
  const { t } = useTranslation("verification");
  const { message } = App.useApp();
  const [{ data, error }, refetch] = useQuery({ query: PlansDocument, requestPolicy: "cache-and-network" });
  const [{ fetching: saving }, save] = useMutation(SavePlanDocument);
  const [, remove] = useMutation(DeletePlanDocument);
  const [{ fetching: drawing }, draw] = useMutation(DrawDocument);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [drawFor, setDrawFor] = useState<Plan | null>(null);
  const [period, setPeriod] = useState("");
  const [seed, setSeed] = useState("");
  const [drawKey, setDrawKey] = useState(0);
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const forms = data?.forms.nodes ?? [];
  const titles = new Map(forms.map((f) => [f.id, f.title]));
  const verifiers: Verifier[] = data?.verificationVerifiers ?? [];

  async function submitPlan() {
    if (!draft) return;
    const result = await save({ input: planInput(draft) as never });
    const answer = result.data?.saveVerificationPlan;
    if (answer?.__typename === "VerificationPlanSaved") {
      void message.success(t("plans.saved"));
      setDraft(null);
      refetch({ requestPolicy: "network-only" });
    } else {
      void message.error(t("plans.refused", { message: resultMessage(answer, result.error?.message) }));
    }
  }

  async function submitDraw() {
    if (!drawFor) return;
    if (!validPeriod(drawFor.periodUnit, period)) {
      void message.warning(t("plans.periodInvalid"));
      return;
    }
    const result = await draw({ input: { planId: drawFor.id, period, seed: seed.trim() || null } });
    const answer = result.data?.drawVerificationSample;
    if (answer?.__typename === "VerificationSampleDrawn") {
      void message.success(t("plans.drawn", { count: answer.items.length, seed: answer.draw.seed }));
      setDrawFor(null);
      setDrawKey((k) => k + 1);
    } else {
      void message.error(t("plans.refused", { message: resultMessage(answer, result.error?.message) }));
    }
  }

  async function deletePlan(plan: Plan) {
    const result = await remove({ input: { id: plan.id } });
    const answer = result.data?.deleteVerificationPlan;
    if (answer?.__typename === "VerificationPlanDeleted") {
      void message.success(t("plans.deleted"));
      refetch({ requestPolicy: "network-only" });
    } else {
      void message.error(t("plans.refused", { message: resultMessage(answer, result.error?.message) }));
    }
  }

  const plans = data?.verificationPlans ?? [];
  return (
    <>
      <PageHeader
        title={t("plans.title")}
        subtitle={t("plans.subtitle")}
        extra={
          <Button type="primary" onClick={() => setDraft(emptyPlan())}>
            {t("plans.create")}
          </Button>
        }
      />
      <Card>
        {plans.length === 0 && data ? (
          <Empty description={t("plans.empty")} />
        ) : (
          <Table
            className="verification-table"
            rowKey="id"
            dataSource={plans}
            pagination={false}
            scroll={{ x: true }}
            expandable={{ expandedRowRender: drawsRow(drawKey, verifiers) }}
            columns={[
              { title: t("plans.column.name"), dataIndex: "name", key: "name" },
              { title: t("plans.column.forms"), key: "forms", render: (_: unknown, plan: Plan) => plan.formIds.map((id) => titles.get(id) ?? id).join("、") },
              { title: t("plans.column.unit"), key: "unit", render: (_: unknown, plan: Plan) => t(plan.periodUnit === "MONTH" ? "editor.month" : "editor.quarter") },
              {
                title: t("plans.column.sizing"),
                key: "sizing",
                render: (_: unknown, plan: Plan) =>
                  plan.sizing === "FIXED"
                    ? plan.tierSizes.map((s) => `${t(`tier.${s.tier}`)} ${s.size}`).join(" · ")
                    : `${Math.round(plan.confidence * 100)} % / ±${Math.round(plan.tolerableError * 1000) / 10} %`,
              },
              { title: t("plans.pool"), key: "pool", render: (_: unknown, plan: Plan) => poolSummary(verifiers, plan.verifierIds, plan.verifierTeams, t("editor.poolEveryone")) },
              { title: t("plans.column.active"), key: "active", render: (_: unknown, plan: Plan) => <Tag color={plan.active ? "green" : undefined}>{t(plan.active ? "plans.active" : "plans.inactive")}</Tag> },
              {
                title: t("plans.column.action"),
                key: "action",
                render: (_: unknown, plan: Plan) => (
                  <Flex gap={8} wrap>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => {
                        setDrawFor(plan);
                        setPeriod(previousPeriod(plan.periodUnit, new Date()));
                        setSeed("");
                      }}
                    >
                      {t("plans.draw")}
                    </Button>
                    <Button size="small" onClick={() => setDraft(draftOf(plan))}>
                      {t("plans.edit")}
                    </Button>
                    <Popconfirm title={t("plans.delete")} onConfirm={() => void deletePlan(plan)}>
                      <Button size="small" danger>
                        {t("plans.delete")}
                      </Button>
                    </Popconfirm>
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      {draft ? <PlanEditor draft={draft} forms={forms} verifiers={verifiers} saving={saving} onChange={setDraft} onSave={() => void submitPlan()} onCancel={() => setDraft(null)} /> : null}
      {drawFor ? (
        <Modal open title={t("plans.drawTitle", { name: drawFor.name })} okText={t("plans.draw")} confirmLoading={drawing} onOk={() => void submitDraw()} onCancel={() => setDrawFor(null)}>
          <Form layout="vertical">
            <Form.Item label={t("plans.period")} help={t("plans.periodHelp")}>
              <Input aria-label={t("plans.period")} value={period} onChange={(e) => setPeriod(e.target.value)} />
            </Form.Item>
            <Form.Item label={t("plans.seed")}>
              <Input aria-label={t("plans.seed")} value={seed} onChange={(e) => setSeed(e.target.value)} inputMode="numeric" />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
