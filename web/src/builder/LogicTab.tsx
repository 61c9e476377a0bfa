import { useState } from "react";
import { Alert, Button, Card, Flex, List, Select, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { addRequireRule, fieldInfo, findByKeys, isObject, listRules, removeRule, setShowCondition, type BuilderDoc, type Json, type Operator, type Rule } from "./model";
import { labelOf, optionLabels } from "./labels";
import type { Builder } from "./useBuilder";

type Language = "zh-CN" | "en";
const OPERATORS: Operator[] = ["equals", "notEquals", "oneOf", "answered"];

function containerKeys(doc: BuilderDoc, rule: Rule): string[] {
  return rule.containerId ? (fieldInfo(doc, rule.containerId)?.keys ?? []) : [];
}

/** A rule as a sentence in the language on screen. */
export function describeRule(doc: BuilderDoc, rule: Rule, language: Language, t: (k: string, o?: Record<string, unknown>) => string): string[] {
  const base = containerKeys(doc, rule);
  const nameOf = (key: string) => {
    const node = findByKeys(doc, [...base, key]);
    const info = node ? fieldInfo(doc, node.id) : null;
    return info ? labelOf(info.schema, language, key) : t("logic.missing", { key });
  };
  const when = rule.when;
  if (!when) return [];
  const whenNode = findByKeys(doc, [...base, when.key]);
  const whenInfo = whenNode ? fieldInfo(doc, whenNode.id) : null;
  const options = whenInfo ? optionLabels(whenInfo.schema, language) : [];
  const valueText = when.values.map((v) => options.find((o) => o.value === String(v))?.label ?? String(v)).join(", ");
  const out: string[] = [];
  for (const [action, keys] of [["show", rule.show], ["require", rule.require]] as const) {
    for (const key of keys) out.push(t("logic.sentence", { action: t(`logic.${action}`), target: nameOf(key), field: nameOf(when.key), operator: t(`logic.${when.operator}`), value: valueText }));
  }
  return out;
}

/** All rules on one tab, and a rule builder with pickers: field, operator, value → show / require. */
export function LogicTab({ builder }: { builder: Builder }) {
  const { t, i18n } = useTranslation("builder");
  const language = i18n.language as Language;
  const doc = builder.doc;
  const rules = listRules(doc);
  const [target, setTarget] = useState<string | null>(builder.selected);
  const [action, setAction] = useState<"show" | "require">("show");
  const [whenId, setWhenId] = useState<string | null>(null);
  const [operator, setOperator] = useState<Operator>("equals");
  const [values, setValues] = useState<string[]>([]);
  const targetInfo = target ? fieldInfo(doc, target) : null;
  const siblings = targetInfo ? (targetInfo.parent ? (targetInfo.parent.children ?? []) : doc.fields).filter((n) => n.id !== target && !n.children) : [];
  const whenInfo = whenId ? fieldInfo(doc, whenId) : null;
  const options = whenInfo ? optionLabels(whenInfo.schema, language) : [];
  const allFieldOptions = (nodes = doc.fields): { value: string; label: string }[] =>
    nodes.flatMap((n) => [{ value: n.id, label: labelOf(fieldInfo(doc, n.id)?.schema, language, n.key) }, ...(n.children ? allFieldOptions(n.children) : [])]);

  function typed(value: string): Json {
    if (whenInfo?.schema.type === "boolean") return value === "true";
    if (whenInfo?.schema.type === "number" || whenInfo?.schema.type === "integer") return Number(value);
    return value;
  }

  function add() {
    if (!target || !whenInfo) return;
    const condition = { key: whenInfo.node.key, operator, values: values.map(typed) };
    builder.apply((d) => (action === "show" ? setShowCondition(d, target, condition) : addRequireRule(d, target, condition)));
    setValues([]);
  }

  const valueChoices = whenInfo?.schema.type === "boolean" ? [{ value: "true", label: "✓" }, { value: "false", label: "✗" }] : options;
  return (
    <Flex vertical gap={16} data-testid="builder-logic">
      <Card size="small" title={t("logic.add")}>
        <Flex gap={8} wrap align="center">
          <Select className="builder-pick" aria-label={t("logic.action")} value={action} onChange={setAction} options={[{ value: "show", label: t("logic.show") }, { value: "require", label: t("logic.require") }]} />
          <Select className="builder-pick-wide" aria-label={t("logic.target")} placeholder={t("logic.target")} value={target ?? undefined} onChange={(v: string) => { setTarget(v); setWhenId(null); }} options={allFieldOptions()} showSearch optionFilterProp="label" />
          <Typography.Text>{t("logic.when")}</Typography.Text>
          <Select className="builder-pick-wide" aria-label={t("logic.field")} placeholder={t("logic.field")} value={whenId ?? undefined} onChange={(v: string) => { setWhenId(v); setValues([]); }} options={siblings.map((n) => ({ value: n.id, label: labelOf(fieldInfo(doc, n.id)?.schema, language, n.key) }))} />
          <Select className="builder-pick" aria-label={t("logic.operator")} value={operator} onChange={setOperator} options={OPERATORS.filter((o) => o !== "answered" || action === "require").map((o) => ({ value: o, label: t(`logic.${o}`) }))} />
          {operator !== "answered" ? (
            <Select className="builder-pick-wide" aria-label={t("logic.value")} placeholder={t("logic.value")} mode={operator === "oneOf" ? "multiple" : undefined} value={operator === "oneOf" ? values : values[0]} onChange={(v: string | string[]) => setValues(Array.isArray(v) ? v : [v])} options={valueChoices} />
          ) : null}
          <Button type="primary" icon={<PlusOutlined />} disabled={!target || !whenInfo || (operator !== "answered" && values.length === 0)} onClick={add}>
            {t("logic.add")}
          </Button>
        </Flex>
        {targetInfo && siblings.length === 0 ? <Alert className="builder-gap" type="info" showIcon title={t("logic.onlySiblings")} /> : null}
      </Card>
      <Card size="small" title={t("logic.title")}>
        <List
          dataSource={rules}
          locale={{ emptyText: t("logic.none") }}
          renderItem={(rule) => (
            <List.Item
              actions={[<Button key="rm" size="small" icon={<DeleteOutlined />} onClick={() => builder.apply((d) => removeRule(d, rule))}>{t("logic.remove")}</Button>]}
              onClick={() => rule.whenFieldId && builder.select(rule.whenFieldId)}
            >
              <Flex vertical>
                {(rule.when ? describeRule(doc, rule, language, (k, o) => t(k, o ?? {})) : [JSON.stringify(isObject(rule) ? rule.show : null)]).map((s) => (
                  <Typography.Text key={s}>{s}</Typography.Text>
                ))}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
