import { Button, Card, Flex, Input, Select, Tag } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Action, Localized, Recipient } from "./model/types";
import { LocalizedInput, RecipientSelect } from "./fields";

const EDITABLE = ["assign", "notify", "webhook", "renderReport"] as const;

function blank(type: (typeof EDITABLE)[number]): Action {
  if (type === "assign") return { type, to: { roundRobin: "auditor" } };
  if (type === "notify") return { type, to: { assignee: true }, message: { "zh-CN": "", en: "" } };
  if (type === "webhook") return { type, url: "https://" };
  return { type, template: "case_summary" };
}

function ActionRow({ action, onChange }: { action: Action; onChange: (next: Action) => void }) {
  const { t } = useTranslation("designer");
  if (!(EDITABLE as readonly string[]).includes(action.type)) {
    // Child cases, tasks and register writes are kept as they are; the JSON view edits them.
    return <Tag>{t(`action.${action.type}`)}</Tag>;
  }
  return (
    <Flex vertical gap={6}>
      <Select
        aria-label={t("action.type")}
        value={action.type as (typeof EDITABLE)[number]}
        style={{ width: 180 }}
        options={EDITABLE.map((type) => ({ value: type, label: t(`action.${type}`) }))}
        onChange={(type: (typeof EDITABLE)[number]) => onChange(blank(type))}
      />
      {(action.type === "assign" || action.type === "notify") && (
        <RecipientSelect label={t("action.to")} value={action.to as Recipient} onChange={(to) => onChange({ ...action, to })} />
      )}
      {action.type === "notify" && <LocalizedInput label={t("action.message")} multiline value={action.message as Localized} onChange={(message) => onChange({ ...action, message })} />}
      {action.type === "webhook" && <Input aria-label={t("action.url")} value={String(action.url ?? "")} onChange={(e) => onChange({ ...action, url: e.target.value })} />}
      {action.type === "renderReport" && <Input aria-label={t("action.template")} value={String(action.template ?? "")} onChange={(e) => onChange({ ...action, template: e.target.value })} />}
    </Flex>
  );
}

/** On-entry actions of a state, or actions of a transition. */
export function ActionsEditor({ title, actions, onChange }: { title: string; actions: Action[] | undefined; onChange: (next: Action[] | undefined) => void }) {
  const { t } = useTranslation("designer");
  const list = actions ?? [];
  const replace = (index: number, next: Action | null) => {
    const copy = list.slice();
    if (next) copy[index] = next;
    else copy.splice(index, 1);
    onChange(copy.length ? copy : undefined);
  };
  return (
    <fieldset className="designer-fieldset">
      <legend>{title}</legend>
      <Flex vertical gap={8}>
        {list.map((action, index) => (
          <Card size="small" key={index} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("action.remove")} onClick={() => replace(index, null)} />}>
            <ActionRow action={action} onChange={(next) => replace(index, next)} />
          </Card>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...list, blank("notify")])}>
          {t("action.add")}
        </Button>
      </Flex>
    </fieldset>
  );
}
