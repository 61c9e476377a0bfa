import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { DeleteOutlined, PlusOutlined, WarningOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import {
  fieldInfo, isObject, isSearchField, renameField, setLabel, setRequired, setSchemaValue, setSearchField, setUiValue,
  type BuilderDoc, type FieldInfo, type Json, type JsonObject,
} from "./model";
import type { Builder } from "./useBuilder";
import { CrossCheckEditor } from "./CrossCheckEditor";

const LANGS = ["zh-CN", "en"] as const;
const SEVERITIES = ["low", "medium", "high", "critical"];

/** Both languages side by side; an empty one is flagged. */
function Bilingual({ label, value, onChange, multiline, required, testId }: { label: string; value: Json | undefined; onChange: (lang: "zh-CN" | "en", text: string) => void; multiline?: boolean; required?: boolean; testId: string }) {
  const { t } = useTranslation("builder");
  const texts = isObject(value) ? value : {};
  return (
    <Form.Item label={label}>
      <Flex gap={8} className="builder-bilingual">
        {LANGS.map((lang) => {
          const text = typeof texts[lang] === "string" ? (texts[lang] as string) : "";
          const other = texts[lang === "en" ? "zh-CN" : "en"];
          // Missing: this language is empty while the other one (or a required label) has text.
          const missing = !text && (required || (typeof other === "string" && other !== ""));
          const Field = multiline ? Input.TextArea : Input;
          return (
            <Flex vertical key={lang} className="builder-bilingual-cell">
              <Typography.Text type="secondary">
                {t(lang === "zh-CN" ? "props.zh" : "props.en")}
                {missing ? (
                  <Tag color="warning" icon={<WarningOutlined />} className="builder-missing">
                    {t("props.missing")}
                  </Tag>
                ) : null}
              </Typography.Text>
              <Field key={`${testId}-${lang}-${text}`} defaultValue={text} aria-label={`${label} ${lang}`} data-testid={`${testId}-${lang}`} onBlur={(e) => e.target.value !== text && onChange(lang, e.target.value)} />
            </Flex>
          );
        })}
      </Flex>
    </Form.Item>
  );
}

function num(value: Json | undefined): number | null {
  return typeof value === "number" ? value : null;
}

/** The selected field's properties (itself a form): every change is one undoable edit. */
export function PropertyPanel({ builder }: { builder: Builder }) {
  const { t } = useTranslation("builder");
  const info = builder.selected ? fieldInfo(builder.doc, builder.selected) : null;
  if (!info) {
    return (
      <Card size="small" title={t("props.title")}>
        <Typography.Text type="secondary">{t("props.none")}</Typography.Text>
      </Card>
    );
  }
  const id = info.node.id;
  const set = (path: string[], value: Json | undefined) => builder.apply((d) => setSchemaValue(d, id, path, value));
  const isString = info.schema.type === "string" && !Array.isArray(info.schema.enum) && !info.schema["x-attachment"];
  const isNumber = info.schema.type === "number" || info.schema.type === "integer";
  return (
    <Card size="small" title={`${t("props.title")} · ${t(`palette.${info.type}`)}`} className="builder-props" data-testid="builder-props">
      <Form layout="vertical" size="small">
        <Form.Item label={t("props.key")} extra={t("props.keyInvalid")}>
          <Input key={`key-${id}-${info.node.key}`} defaultValue={info.node.key} data-testid="prop-key" onBlur={(e) => builder.apply((d) => renameField(d, id, e.target.value.trim()))} />
        </Form.Item>
        <Bilingual testId="prop-label" required label={t("props.label")} value={info.schema["x-title"]} onChange={(lang, text) => builder.apply((d) => setLabel(d, id, lang, text))} />
        <Bilingual testId="prop-help" label={t("props.help")} value={info.schema["x-description"]} multiline onChange={(lang, text) => set(["x-description", lang], text || undefined)} />
        <Space wrap>
          <Checkbox checked={info.required} data-testid="prop-required" onChange={(e) => builder.apply((d) => setRequired(d, id, e.target.checked))}>
            {t("props.required")}
          </Checkbox>
          {!info.node.children ? (
            <Checkbox checked={info.schema["x-sensitive"] === true} onChange={(e) => set(["x-sensitive"], e.target.checked ? true : undefined)}>
              {t("props.sensitive")}
            </Checkbox>
          ) : null}
          {!info.node.children ? (
            <Checkbox checked={isSearchField(builder.doc, id)} onChange={(e) => builder.apply((d) => setSearchField(d, id, e.target.checked))}>
              {t("props.search")}
            </Checkbox>
          ) : null}
        </Space>
        {isString ? <StringRules info={info} set={set} /> : null}
        {isNumber ? (
          <Form.Item label={t("props.validation")}>
            <Space wrap>
              <InputNumber aria-label={t("props.minimum")} placeholder={t("props.minimum")} value={num(info.schema.minimum)} onChange={(v) => set(["minimum"], v ?? undefined)} />
              <InputNumber aria-label={t("props.maximum")} placeholder={t("props.maximum")} value={num(info.schema.maximum)} onChange={(v) => set(["maximum"], v ?? undefined)} />
              <InputNumber aria-label={t("props.default")} placeholder={t("props.default")} value={num(info.schema.default)} onChange={(v) => set(["default"], v ?? undefined)} />
            </Space>
          </Form.Item>
        ) : null}
        {isNumber ? <CrossCheckEditor builder={builder} info={info} /> : null}
        {info.type === "section" ? (
          <Form.Item label={t("props.weight")}>
            <InputNumber min={0} value={num(info.schema["x-weight"])} onChange={(v) => set(["x-weight"], v ?? undefined)} />
          </Form.Item>
        ) : null}
        {Array.isArray(info.schema.enum) || (isObject(info.schema.items) && Array.isArray(info.schema.items.enum)) ? <Options builder={builder} info={info} /> : null}
        {info.type === "checklistItem" ? <FindingEditor info={info} set={set} /> : null}
        {info.type === "longText" || info.type === "shortText" ? (
          <Checkbox checked={info.ui?.["ui:widget"] === "textarea"} onChange={(e) => builder.apply((d) => setUiValue(d, id, ["ui:widget"], e.target.checked ? "textarea" : undefined))}>
            {t("props.multiline")}
          </Checkbox>
        ) : null}
      </Form>
    </Card>
  );
}

function StringRules({ info, set }: { info: FieldInfo; set: (path: string[], value: Json | undefined) => void }) {
  const { t } = useTranslation("builder");
  const s = info.schema;
  return (
    <>
      <Form.Item label={t("props.validation")}>
        <Space wrap>
          <InputNumber min={0} aria-label={t("props.minLength")} placeholder={t("props.minLength")} value={num(s.minLength)} onChange={(v) => set(["minLength"], v ?? undefined)} />
          <InputNumber min={1} aria-label={t("props.maxLength")} placeholder={t("props.maxLength")} value={num(s.maxLength)} onChange={(v) => set(["maxLength"], v ?? undefined)} />
        </Space>
      </Form.Item>
      <Form.Item label={t("props.pattern")}>
        <Input key={`p-${info.node.id}`} defaultValue={typeof s.pattern === "string" ? s.pattern : ""} onBlur={(e) => set(["pattern"], e.target.value || undefined)} />
      </Form.Item>
      {typeof s.pattern === "string" ? (
        <Form.Item label={t("props.patternMessage")}>
          <Flex gap={8}>
            {LANGS.map((lang) => {
              const messages = isObject(s["x-error-messages"]) && isObject(s["x-error-messages"].pattern) ? (s["x-error-messages"].pattern as JsonObject) : {};
              return <Input key={lang} aria-label={`${t("props.patternMessage")} ${lang}`} placeholder={lang} defaultValue={String(messages[lang] ?? "")} onBlur={(e) => set(["x-error-messages", "pattern", lang], e.target.value || undefined)} />;
            })}
          </Flex>
        </Form.Item>
      ) : null}
      <Form.Item label={t("props.default")}>
        <Input key={`d-${info.node.id}`} defaultValue={typeof s.default === "string" ? s.default : ""} onBlur={(e) => set(["default"], e.target.value || undefined)} />
      </Form.Item>
    </>
  );
}

/** Options: value, labels in both languages and, when scored, points (empty = N/A). */
function Options({ builder, info }: { builder: Builder; info: FieldInfo }) {
  const { t } = useTranslation("builder");
  const onItems = !Array.isArray(info.schema.enum);
  const base = onItems ? ["items"] : [];
  const source = (onItems ? info.schema.items : info.schema) as JsonObject;
  const values = (source.enum as Json[]).map(String);
  const titles = isObject(source["x-enum-titles"]) ? source["x-enum-titles"] : {};
  const scores = isObject(info.schema["x-scores"]) ? info.schema["x-scores"] : null;
  const id = info.node.id;
  const update = (change: (doc: BuilderDoc) => BuilderDoc) => builder.apply(change);
  const labelFor = (lang: string, i: number) => (Array.isArray(titles[lang]) ? String((titles[lang] as Json[])[i] ?? "") : "");
  const write = (nextValues: string[], nextTitles: Record<string, string[]>, nextScores: JsonObject | null) =>
    update((d) => {
      let doc = setSchemaValue(d, id, [...base, "enum"], nextValues);
      doc = setSchemaValue(doc, id, [...base, "x-enum-titles"], nextTitles);
      if (nextScores) doc = setSchemaValue(doc, id, ["x-scores"], nextScores);
      return doc;
    });
  const allTitles = () => Object.fromEntries(LANGS.map((l) => [l, values.map((_, i) => labelFor(l, i))])) as Record<string, string[]>;
  return (
    <Form.Item label={t("props.options")}>
      <Flex vertical gap={4} data-testid="prop-options">
        {values.length === 0 ? <Alert type="warning" showIcon title={t("problems.emptyOptions", { subject: info.node.key })} /> : null}
        {values.map((value, i) => (
          <Flex key={`${value}-${i}`} gap={4} align="center">
            <Input className="builder-option-value" aria-label={t("props.value")} defaultValue={value} onBlur={(e) => {
              const v = e.target.value.trim();
              if (!v || v === value) return;
              const next = [...values];
              next[i] = v;
              const nextScores = scores ? Object.fromEntries(Object.entries(scores).map(([k, s]) => [k === value ? v : k, s])) : null;
              write(next, allTitles(), nextScores);
            }} />
            {LANGS.map((lang) => (
              <Input key={lang} aria-label={`${value} ${lang}`} placeholder={lang} defaultValue={labelFor(lang, i)} status={labelFor(lang, i) ? undefined : "warning"} onBlur={(e) => {
                const next = allTitles();
                next[lang][i] = e.target.value;
                write(values, next, null);
              }} />
            ))}
            {scores ? (
              <InputNumber className="builder-option-points" aria-label={`${t("props.points")} ${value}`} placeholder="N/A" value={num(scores[value])} onChange={(v) => update((d) => setSchemaValue(d, id, ["x-scores", value], v ?? null))} />
            ) : null}
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("logic.remove")} onClick={() => {
              const keep = values.map((_, j) => j).filter((j) => j !== i);
              const next = Object.fromEntries(LANGS.map((l) => [l, keep.map((j) => labelFor(l, j))])) as Record<string, string[]>;
              const nextScores = scores ? Object.fromEntries(Object.entries(scores).filter(([k]) => k !== value)) : null;
              write(keep.map((j) => values[j]), next, nextScores);
            }} />
          </Flex>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => {
          let n = values.length + 1;
          while (values.includes(`option${n}`)) n++;
          const next = allTitles();
          next["zh-CN"].push(`选项${n}`);
          next.en.push(`Option ${n}`);
          write([...values, `option${n}`], next, scores ? { ...scores, [`option${n}`]: 0 } : null);
        }}>
          {t("props.addOption")}
        </Button>
      </Flex>
    </Form.Item>
  );
}

function FindingEditor({ info, set }: { info: FieldInfo; set: (path: string[], value: Json | undefined) => void }) {
  const { t } = useTranslation("builder");
  const findings = Array.isArray(info.schema["x-findings"]) ? info.schema["x-findings"] : [];
  const first = isObject(findings[0]) ? findings[0] : null;
  return (
    <Form.Item label={t("props.finding")}>
      <Flex vertical gap={4}>
        <Select
          aria-label={t("props.severity")}
          value={first && typeof first.severity === "string" ? first.severity : undefined}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          onChange={(severity: string) => set(["x-findings"], [{ in: first?.in ?? ["non_compliant"], severity, title: first?.title ?? { "zh-CN": "检查项不符合", en: "Checklist item not compliant" } }, ...findings.slice(1)])}
        />
        {first ? (
          <Flex gap={8}>
            {LANGS.map((lang) => {
              const title = isObject(first.title) ? String(first.title[lang] ?? "") : "";
              return <Input key={`${info.node.id}-${lang}-${title}`} aria-label={`${t("props.finding")} ${lang}`} defaultValue={title} status={title ? undefined : "warning"} onBlur={(e) => set(["x-findings"], [{ ...first, title: { ...(isObject(first.title) ? first.title : {}), [lang]: e.target.value } }, ...findings.slice(1)])} />;
            })}
          </Flex>
        ) : null}
      </Flex>
    </Form.Item>
  );
}
