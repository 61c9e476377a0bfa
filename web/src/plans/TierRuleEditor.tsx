import { Button, Flex, Input, InputNumber, Radio, Select, Typography } from "antd";
import { CodeOutlined, DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FACTS, NUMBER_FACTS, opsFor, tierRuleOf, logicOfTier, type Condition, type Fact, type RuleTier, type TierRule } from "./classificationModel";

const blank: Condition = { fact: "riskScore", op: ">=", value: 60 };

/** One tier's rule: conditions picked from the customer facts, or JSON for the rest. */
export function TierRuleEditor({ tier, rule, onChange }: { tier: RuleTier; rule: TierRule; onChange: (rule: TierRule) => void }) {
  const { t } = useTranslation("plans");
  const tierName = t(`rules.tier.${tier}`);
  if (rule.kind === "json") {
    let back: TierRule | null = null;
    try {
      const parsed = tierRuleOf(logicOfTier(rule));
      back = parsed.kind === "json" ? null : parsed;
    } catch {
      back = null;
    }
    return (
      <Flex vertical gap={6}>
        <Input.TextArea aria-label={t("rules.json", { tier: tierName })} autoSize={{ minRows: 4, maxRows: 14 }} value={rule.text} onChange={(e) => onChange({ kind: "json", text: e.target.value })} className="plans-json" />
        <Flex gap={8}>
          {back && <Button size="small" onClick={() => onChange(back)}>{t("rules.pickers")}</Button>}
          {!back && <Typography.Text type="secondary">{t("rules.jsonOnly")}</Typography.Text>}
        </Flex>
      </Flex>
    );
  }
  const conditions = rule.kind === "pickers" ? rule.conditions : [];
  const join = rule.kind === "pickers" ? rule.join : "or";
  const setConditions = (next: Condition[]) => onChange(next.length ? { kind: "pickers", join, conditions: next } : { kind: "none" });
  const setOne = (index: number, patch: Partial<Condition>) => setConditions(conditions.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <Flex vertical gap={8}>
      {conditions.length > 1 && (
        <Radio.Group aria-label={t("rules.join", { tier: tierName })} value={join} onChange={(e) => onChange({ kind: "pickers", join: e.target.value as "and" | "or", conditions })} optionType="button" options={[{ value: "or", label: t("rules.any") }, { value: "and", label: t("rules.all") }]} />
      )}
      {conditions.length === 0 && <Typography.Text type="secondary">{t("rules.noRule")}</Typography.Text>}
      {conditions.map((condition, index) => {
        const n = index + 1;
        const numeric = NUMBER_FACTS.includes(condition.fact);
        return (
          <Flex key={index} gap={6} align="center" wrap className="plans-condition">
            <Select aria-label={t("rules.fact", { tier: tierName, n })} value={condition.fact} style={{ width: 230 }} options={FACTS.map((f) => ({ value: f, label: t(`rules.facts.${f}`) }))} onChange={(fact: Fact) => setOne(index, { fact, op: opsFor(fact)[0]!, value: NUMBER_FACTS.includes(fact) ? 0 : "" })} />
            <Select aria-label={t("rules.op", { tier: tierName, n })} value={condition.op} style={{ width: 110 }} options={opsFor(condition.fact).map((op) => ({ value: op, label: t(`rules.ops.${op}`) }))} onChange={(op: Condition["op"]) => setOne(index, { op })} />
            {numeric ? (
              <InputNumber aria-label={t("rules.value", { tier: tierName, n })} value={Number(condition.value)} style={{ width: 150 }} onChange={(value) => value !== null && setOne(index, { value })} />
            ) : (
              <Input aria-label={t("rules.value", { tier: tierName, n })} value={String(condition.value)} style={{ width: 150 }} onChange={(e) => setOne(index, { value: e.target.value })} />
            )}
            <Button aria-label={t("rules.remove", { tier: tierName, n })} icon={<DeleteOutlined />} onClick={() => setConditions(conditions.filter((_, i) => i !== index))} />
          </Flex>
        );
      })}
      <Flex gap={8}>
        <Button size="small" icon={<PlusOutlined />} onClick={() => setConditions([...conditions, blank])}>{t("rules.add", { tier: tierName })}</Button>
        <Button size="small" icon={<CodeOutlined />} onClick={() => onChange({ kind: "json", text: JSON.stringify(logicOfTier(rule) ?? {}, null, 2) })}>{t("rules.editJson")}</Button>
      </Flex>
    </Flex>
  );
}
