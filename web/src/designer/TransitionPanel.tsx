import { Button, Checkbox, Flex, Input, Popconfirm, Select, Switch, Typography } from "antd";
import { DeleteOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { localized } from "../shell/localized";
import type { Excludes, Transition, WorkflowDefinition } from "./model/types";
import { isName } from "./model/model";
import { ROLES } from "./model/types";
import type { FieldOption } from "./model/guards";
import { ActionsEditor } from "./ActionsEditor";
import { GuardEditor } from "./GuardEditor";
import { LocalizedInput } from "./fields";

export interface TransitionPanelProps {
  definition: WorkflowDefinition;
  index: number;
  fields: FieldOption[];
  forms: { key: string; title: string }[];
  onChange: (patch: Partial<Transition>) => void;
  onRemove: () => void;
}

function setExcludes(current: Excludes | undefined, patch: Partial<Excludes>): Excludes | undefined {
  const next = Object.fromEntries(Object.entries({ ...current, ...patch }).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as Excludes;
  return Object.keys(next).length ? next : undefined;
}

/** A transition's properties: who, from where to where, four eyes, guard, input, actions. */
export function TransitionPanel({ definition, index, fields, forms, onChange, onRemove }: TransitionPanelProps) {
  const { t } = useTranslation("designer");
  const transition = definition.transitions[index];
  if (!transition) return null;
  const states = Object.entries(definition.states).map(([name, s]) => ({ value: name, label: `${localized(s.title, name)} (${name})` }));
  const events = [...new Set(definition.transitions.map((tr) => tr.event))].filter((e) => e !== transition.event);
  const form = transition.input && "form" in transition.input ? transition.input.form : undefined;
  return (
    <Flex vertical gap={12} className="designer-panel" aria-label={t("panel.transition")}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} className="designer-panel-title">
          {t("panel.transition")}
        </Typography.Title>
        <Popconfirm title={t("panel.confirmRemoveTransition")} onConfirm={onRemove}>
          <Button danger size="small" icon={<DeleteOutlined />}>
            {t("panel.remove")}
          </Button>
        </Popconfirm>
      </Flex>
      <label className="designer-row">
        <span>{t("panel.event")}</span>
        <Input aria-label={t("panel.event")} value={transition.event} status={isName(transition.event) ? undefined : "error"} onChange={(e) => onChange({ event: e.target.value })} />
      </label>
      <LocalizedInput label={t("panel.title")} value={transition.title} onChange={(title) => onChange({ title })} />
      <label className="designer-row">
        <span>{t("panel.from")}</span>
        <Select aria-label={t("panel.from")} mode="multiple" value={transition.from} options={states} onChange={(from: string[]) => from.length && onChange({ from })} />
      </label>
      <label className="designer-row">
        <span>{t("panel.to")}</span>
        <Select aria-label={t("panel.to")} value={transition.to} options={states} onChange={(to: string) => onChange({ to })} />
      </label>
      <label className="designer-row">
        <span>{t("panel.roles")}</span>
        <Select aria-label={t("panel.roles")} mode="multiple" value={transition.roles} placeholder={t("panel.systemOnly")} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} onChange={(roles: Transition["roles"]) => onChange({ roles })} />
      </label>
      <fieldset className="designer-fieldset">
        <legend>{t("fourEyes.title")}</legend>
        <Flex vertical gap={6}>
          <Checkbox checked={!!transition.excludes?.submitter} onChange={(e) => onChange({ excludes: setExcludes(transition.excludes, { submitter: e.target.checked || undefined }) })}>
            {t("fourEyes.submitter")}
          </Checkbox>
          <Checkbox checked={!!transition.excludes?.assignee} onChange={(e) => onChange({ excludes: setExcludes(transition.excludes, { assignee: e.target.checked || undefined }) })}>
            {t("fourEyes.assignee")}
          </Checkbox>
          <label className="designer-row">
            <span>{t("fourEyes.firedBy")}</span>
            <Select aria-label={t("fourEyes.firedBy")} mode="multiple" value={transition.excludes?.firedBy ?? []} options={events.map((e) => ({ value: e, label: e }))} onChange={(firedBy: string[]) => onChange({ excludes: setExcludes(transition.excludes, { firedBy }) })} />
          </label>
        </Flex>
      </fieldset>
      <fieldset className="designer-fieldset">
        <legend>{t("guard.title")}</legend>
        <GuardEditor guard={transition.guard} fields={fields} onChange={(guard) => onChange({ guard })} />
        {transition.guard !== undefined && <LocalizedInput label={t("guard.message")} value={transition.guardMessage} onChange={(guardMessage) => onChange({ guardMessage })} />}
      </fieldset>
      <fieldset className="designer-fieldset">
        <legend>{t("panel.input")}</legend>
        <Flex vertical gap={6}>
          <Flex gap={8} align="center">
            <Switch size="small" aria-label={t("panel.commentRequired")} checked={!!transition.commentRequired} disabled={!!transition.auto} onChange={(on) => onChange({ commentRequired: on || undefined })} />
            <span>{t("panel.commentRequired")}</span>
          </Flex>
          <Flex gap={8} align="center">
            <Switch size="small" aria-label={t("panel.auto")} checked={!!transition.auto} onChange={(on) => onChange({ auto: on || undefined })} />
            <span>{t("panel.auto")}</span>
          </Flex>
          {!(transition.input && "schema" in transition.input) && (
            <label className="designer-row">
              <span>{t("panel.inputForm")}</span>
              <Select aria-label={t("panel.inputForm")} allowClear value={form} options={forms.map((f) => ({ value: f.key, label: f.title }))} onChange={(key?: string) => onChange({ input: key ? { form: key } : undefined })} />
            </label>
          )}
          {transition.input && "schema" in transition.input && <Typography.Text type="secondary">{t("panel.inputSchema")}</Typography.Text>}
        </Flex>
      </fieldset>
      <ActionsEditor title={t("panel.actions")} actions={transition.actions} onChange={(actions) => onChange({ actions })} />
    </Flex>
  );
}
