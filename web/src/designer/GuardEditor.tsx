import { Button, Flex, Input, Segmented, Select, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { guardRule, OPERATORS, parseGuard, SCORE_FIELDS, type Condition, type FieldOption, type GuardModel } from "./model/guards";
import { fieldGroups, ValueInput } from "./fields";

function ConditionRow({ condition, fields, onChange, onRemove }: { condition: Condition; fields: FieldOption[]; onChange: (next: Condition) => void; onRemove: () => void }) {
  const { t } = useTranslation("designer");
  const options = [
    ...fieldGroups(fields, t),
    { label: t("guard.score"), options: SCORE_FIELDS.map((path) => ({ value: path, label: t(`guard.field.${path.replace(".", "_")}`) })) },
  ];
  const unary = condition.op === "filled" || condition.op === "empty";
  return (
    <Flex gap={6} wrap align="center">
      <Select aria-label={t("guard.fieldLabel")} showSearch value={condition.field || undefined} placeholder={t("guard.fieldLabel")} style={{ minWidth: 200 }} options={options} onChange={(field: string) => onChange({ ...condition, field })} />
      <Select aria-label={t("guard.op")} value={condition.op} style={{ width: 110 }} options={OPERATORS.map((op) => ({ value: op, label: t(`guard.ops.${op}`) }))} onChange={(op: Condition["op"]) => onChange({ ...condition, op })} />
      {!unary && <ValueInput label={t("guard.value")} field={fields.find((f) => f.path === condition.field)} op={condition.op} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />}
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("guard.remove")} onClick={onRemove} />
    </Flex>
  );
}

/** The guard of a transition: pickers over the form's fields and the customer, or JSON. */
export function GuardEditor({ guard, fields, onChange }: { guard: unknown; fields: FieldOption[]; onChange: (next: unknown) => void }) {
  const { t } = useTranslation("designer");
  const model = parseGuard(guard);
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState(false);
  const update = (next: GuardModel) => onChange(guardRule(next));
  if (!model || json !== null) {
    const text = json ?? JSON.stringify(guard, null, 2);
    return (
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{t("guard.json")}</Typography.Text>
        <Input.TextArea
          aria-label={t("guard.json")}
          autoSize={{ minRows: 3, maxRows: 10 }}
          value={text}
          status={jsonError ? "error" : undefined}
          onChange={(e) => {
            setJson(e.target.value);
            try {
              onChange(e.target.value.trim() ? JSON.parse(e.target.value) : undefined);
              setJsonError(false);
            } catch {
              setJsonError(true);
            }
          }}
        />
        {model && <Button size="small" onClick={() => setJson(null)}>{t("guard.pickers")}</Button>}
      </Flex>
    );
  }
  return (
    <Flex vertical gap={6}>
      {model.conditions.length > 1 && (
        <Segmented size="small" value={model.combine} options={[{ value: "and", label: t("guard.all") }, { value: "or", label: t("guard.any") }]} onChange={(combine) => update({ ...model, combine: combine as "and" | "or" })} />
      )}
      {model.conditions.map((condition, index) => (
        <ConditionRow
          key={index}
          condition={condition}
          fields={fields}
          onChange={(next) => update({ ...model, conditions: model.conditions.map((c, i) => (i === index ? next : c)) })}
          onRemove={() => update({ ...model, conditions: model.conditions.filter((_, i) => i !== index) })}
        />
      ))}
      <Flex gap={6}>
        <Button size="small" icon={<PlusOutlined />} onClick={() => update({ ...model, conditions: [...model.conditions, { field: fields[0]?.path ?? "customer.tier", op: "==", value: "" }] })}>
          {t("guard.add")}
        </Button>
        <Button size="small" type="link" onClick={() => setJson(JSON.stringify(guard ?? {}, null, 2))}>
          {t("guard.editJson")}
        </Button>
      </Flex>
    </Flex>
  );
}
