import { Button, Checkbox, Flex, InputNumber, Popconfirm, Select, Switch, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Sla, State, WorkflowDefinition } from "./model/types";
import { Link } from "react-router";
import { localized } from "../shell/localized";
import { dateFields, type FieldOption } from "./model/guards";
import { ActionsEditor } from "./ActionsEditor";
import { LocalizedInput, RecipientSelect } from "./fields";

export interface StatePanelProps {
  definition: WorkflowDefinition;
  name: string;
  /** The starting form's fields: its date fields can give the due date. */
  fields?: FieldOption[];
  onChange: (patch: Partial<State>) => void;
  onInitial: () => void;
  onRemove: () => void;
  onAddStep: () => void;
  onSelectStep: (index: number) => void;
}

/** The date fields to take a due date from, and the one set now even when the form lacks it. */
function dueFromOptions(dates: FieldOption[], current: string | undefined): FieldOption[] {
  return current && !dates.some((f) => f.path === current) ? [...dates, { path: current, title: current }] : dates;
}

function defaultSla(definition: WorkflowDefinition, name: string): Sla {
  const out = definition.transitions.find((t) => t.from.includes(name) && t.roles.length === 0);
  return { due: { workingDays: 2 }, escalate: out?.event ?? "escalate" };
}

/** A state's properties: titles, start/end, the SLA with its escalation and reminder, entry actions. */
export function StatePanel({ definition, name, fields = [], onChange, onInitial, onRemove, onAddStep, onSelectStep }: StatePanelProps) {
  const { t } = useTranslation("designer");
  const state = definition.states[name];
  if (!state) return null;
  const sla = state.sla;
  const setSla = (patch: Partial<Sla> | null) => onChange({ sla: patch === null ? undefined : ({ ...(sla ?? defaultSla(definition, name)), ...patch } as Sla) });
  const unit = sla && "hours" in sla.due ? "hours" : "workingDays";
  const amount = sla ? ("hours" in sla.due ? sla.due.hours : sla.due.workingDays) : 0;
  const events = [...new Set(definition.transitions.map((tr) => tr.event))];
  return (
    <Flex vertical gap={12} className="designer-panel" aria-label={t("panel.state")}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} className="designer-panel-title">
          {t("panel.state")} <Typography.Text code>{name}</Typography.Text>
        </Typography.Title>
        <Popconfirm title={t("panel.confirmRemoveState")} onConfirm={onRemove}>
          <Button danger size="small" icon={<DeleteOutlined />}>
            {t("panel.remove")}
          </Button>
        </Popconfirm>
      </Flex>
      <LocalizedInput label={t("panel.title")} value={state.title} onChange={(title) => title && onChange({ title })} />
      <Flex gap={16} wrap>
        <Checkbox checked={!!state.initial} onChange={(e) => e.target.checked && onInitial()}>
          {t("panel.initial")}
        </Checkbox>
        <Checkbox checked={!!state.final} disabled={!!state.initial} onChange={(e) => onChange({ final: e.target.checked || undefined, sla: e.target.checked ? undefined : state.sla })}>
          {t("panel.final")}
        </Checkbox>
      </Flex>
      {!state.final && (
        <fieldset className="designer-fieldset">
          <legend>
            <Switch size="small" checked={!!sla} aria-label={t("sla.enable")} onChange={(on) => setSla(on ? {} : null)} /> {t("sla.title")}
          </legend>
          {sla && (
            <Flex vertical gap={8}>
              <Flex gap={6} align="center" wrap>
                <span>{t("sla.due")}</span>
                <InputNumber aria-label={t("sla.amount")} min={1} max={unit === "hours" ? 8760 : 365} value={amount} onChange={(value) => value && setSla({ due: unit === "hours" ? { hours: value } : { workingDays: Math.round(value) } })} />
                <Select
                  aria-label={t("sla.unit")}
                  value={unit}
                  style={{ width: 120 }}
                  options={[{ value: "workingDays", label: t("sla.workingDays") }, { value: "hours", label: t("sla.hours") }]}
                  onChange={(next: string) => setSla({ due: next === "hours" ? { hours: amount } : { workingDays: Math.max(1, Math.round(amount)) } })}
                />
              </Flex>
              <Flex gap={6} align="center" wrap>
                <span>{t("sla.escalate")}</span>
                <Select aria-label={t("sla.escalate")} value={sla.escalate} style={{ minWidth: 160 }} options={events.map((e) => ({ value: e, label: e }))} onChange={(escalate: string) => setSla({ escalate })} />
              </Flex>
              <label className="designer-row">
                <span>{t("sla.dueFrom")}</span>
                <Select
                  aria-label={t("sla.dueFrom")}
                  allowClear
                  showSearch
                  value={sla.dueFrom}
                  placeholder={t("sla.dueFromHint")}
                  options={dueFromOptions(dateFields(fields), sla.dueFrom).map((f) => ({ value: f.path, label: `${localized(f.title, f.path)} (${f.path})` }))}
                  onChange={(dueFrom?: string) => setSla({ dueFrom })}
                />
              </label>
              <Typography.Text type="secondary">
                {t("sla.calendarHint")} <Link to="/plans/calendar" className="designer-inline-link">{t("sla.calendarLink")}</Link>
              </Typography.Text>
              <Flex gap={6} align="center" wrap>
                <Switch size="small" aria-label={t("sla.remind")} checked={!!sla.remind} onChange={(on) => setSla({ remind: on ? { before: { hours: 4 }, message: { "zh-CN": "即将到期，请尽快处理。", en: "Due soon; please act." } } : undefined })} />
                <span>{t("sla.remind")}</span>
                {sla.remind && (
                  <>
                    <InputNumber aria-label={t("sla.remindHours")} min={1} value={sla.remind.before.hours} onChange={(hours) => hours && setSla({ remind: { ...sla.remind!, before: { hours } } })} />
                    <span>{t("sla.hoursBefore")}</span>
                    <RecipientSelect label={t("action.to")} value={sla.remind.to} onChange={(to) => setSla({ remind: { ...sla.remind!, to } })} />
                  </>
                )}
              </Flex>
              {sla.remind && <LocalizedInput label={t("sla.remindMessage")} value={sla.remind.message} onChange={(message) => message && setSla({ remind: { ...sla.remind!, message } })} />}
            </Flex>
          )}
        </fieldset>
      )}
      <fieldset className="designer-fieldset">
        <legend>{t("panel.steps")}</legend>
        <Flex gap={6} wrap>
          {definition.transitions.map((tr, index) =>
            tr.from.includes(name) ? (
              <Button key={index} size="small" onClick={() => onSelectStep(index)}>
                {tr.event} → {tr.to}
              </Button>
            ) : null,
          )}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={onAddStep}>
            {t("panel.addStep")}
          </Button>
        </Flex>
      </fieldset>
      <ActionsEditor title={t("panel.onEnter")} actions={state.onEnter} onChange={(onEnter) => onChange({ onEnter })} />
    </Flex>
  );
}
