import { useMemo, useState } from "react";
import { Alert, Button, Card, Flex, List, Segmented, Statistic, Tag, Typography } from "antd";
import { Form } from "@rjsf/antd";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { useTranslation } from "react-i18next";
import { formValidator } from "../forms/validator";
import { withAttachmentFields } from "../forms/attachments";
import { formLayout, layoutClass } from "../forms/layout";
import { TestAttachment } from "./TestAttachment";
import { fieldInfo, findByKeys, hiddenFields, isObject, liveScore, localizedSchema, localizedUiSchema, passMark, verdict, type BuilderDoc, type JsonObject } from "./model";
import { labelOf, optionLabels } from "./labels";
import { TestFieldTemplate, TestObjectFieldTemplate } from "./testObjectTemplate";

type Language = "zh-CN" | "en";
const FIELDS = { attachment: TestAttachment };
const TEMPLATES = { ObjectFieldTemplate: TestObjectFieldTemplate, FieldTemplate: TestFieldTemplate };

/** Why each hidden field is hidden, in one language. */
export function hiddenNotes(doc: BuilderDoc, answers: unknown, language: Language, t: (k: string, o?: Record<string, unknown>) => string): { id: string; text: string }[] {
  return [...hiddenFields(doc, answers)].map(([id, rule]) => {
    const info = fieldInfo(doc, id)!;
    const base = info.keys.slice(0, -1);
    const when = rule.when!;
    const whenNode = findByKeys(doc, [...base, when.key]);
    const whenInfo = whenNode ? fieldInfo(doc, whenNode.id) : null;
    const options = whenInfo ? optionLabels(whenInfo.schema, language) : [];
    return {
      id,
      text: t("test.hiddenBecause", {
        field: labelOf(info.schema, language, info.node.key),
        when: whenInfo ? labelOf(whenInfo.schema, language, when.key) : when.key,
        operator: t(`logic.${when.operator}`),
        value: when.values.map((v) => options.find((o) => o.value === String(v))?.label ?? String(v)).join(", "),
      }),
    };
  });
}

/** Fill the draft with the auditors' renderer (rjsf + the 2020-12 validator), either language, tablet width. */
export function TestMode({ doc, readOnly = false }: { doc: BuilderDoc; readOnly?: boolean }) {
  const { t: tUi } = useTranslation("builder");
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(i18n.language as Language);
  const t = useMemo(() => i18n.getFixedT(language, "builder"), [i18n, language]);
  const [answers, setAnswers] = useState<JsonObject>({});
  // The renderer keeps the answers itself (uncontrolled): handing each answer back as a new
  // formData made rjsf compare and recompute the whole form's state a second time per click.
  // It starts from `seed`, set when it remounts: another language keeps the answers, reset
  // clears them.
  const [seed, setSeed] = useState<{ answers: JsonObject; generation: number }>({ answers: {}, generation: 0 });
  const [valid, setValid] = useState(false);
  const definition = doc.definition;
  const schema = useMemo(() => localizedSchema(isObject(definition.schema) ? definition.schema : {}, language), [definition, language]);
  const uiSchema = useMemo(() => withAttachmentFields(schema, localizedUiSchema(isObject(definition.schema) ? definition.schema : {}, isObject(definition.uiSchema) ? definition.uiSchema : {}, language)), [schema, definition, language]);
  const validator = useMemo(() => formValidator(language), [language]);
  // The fill page's layout (labels beside fields in Chinese, above them in English).
  const formContext = useMemo(() => formLayout(language), [language]);
  const score = liveScore(isObject(definition.schema) ? definition.schema : {}, answers);
  const mark = passMark(definition);
  const result = verdict(score, mark);
  const notes = hiddenNotes(doc, answers, language, (k, o) => t(k, o ?? {}));
  return (
    <Flex gap={16} wrap className="builder-test" data-testid="builder-test">
      <Card
        size="small"
        className={`builder-test-frame ${layoutClass(language)}`}
        title={readOnly ? tUi("versions.readOnly") : tUi("test.title")}
        extra={
          <Flex gap={8} align="center">
            <Segmented<Language> aria-label={tUi("test.language")} value={language} onChange={(next) => { setSeed((s) => ({ answers, generation: s.generation + 1 })); setLanguage(next); }} options={[{ value: "zh-CN", label: "中文" }, { value: "en", label: "English" }]} />
            <Button size="small" onClick={() => { setAnswers({}); setSeed((s) => ({ answers: {}, generation: s.generation + 1 })); setValid(false); }}>{t("test.reset")}</Button>
          </Flex>
        }
      >
        <div lang={language}>
          <Form
            key={seed.generation}
            schema={schema as RJSFSchema}
            uiSchema={uiSchema as UiSchema}
            formData={seed.answers}
            validator={validator}
            fields={FIELDS}
            templates={TEMPLATES}
            formContext={formContext}
            onChange={(e) => { setAnswers((e.formData ?? {}) as JsonObject); setValid(false); }}
            onSubmit={() => setValid(true)}
            showErrorList={false}
            noHtml5Validate
            disabled={readOnly}
          >
            {readOnly ? <></> : (
              <Flex justify="flex-end" className="fill-actions">
                <Button type="primary" size="large" htmlType="submit">{t("test.submit")}</Button>
              </Flex>
            )}
          </Form>
          {valid ? <Alert type="success" showIcon title={t("test.valid")} /> : null}
        </div>
      </Card>
      <Flex vertical gap={16} className="builder-test-side">
        <Card size="small">
          {score ? <Statistic title={t("test.score", { raw: score.raw, max: score.max, percent: score.percent ?? "—" })} value={score.percent ?? 0} suffix="%" precision={1} data-testid="builder-score" /> : <Typography.Text type="secondary">{t("test.noScore")}</Typography.Text>}
          {score && mark !== null ? (
            <Flex gap={8} align="center" className="builder-gap" data-testid="builder-verdict" data-verdict={result ?? "none"}>
              <Typography.Text>{t("test.passMark", { mark })}</Typography.Text>
              {result ? <Tag color={result === "passed" ? "success" : "error"}>{t(`test.${result}`)}</Tag> : null}
            </Flex>
          ) : null}
        </Card>
        <Card size="small" title={t("test.hidden")}>
          <List size="small" dataSource={notes} locale={{ emptyText: t("test.noneHidden") }} renderItem={(n) => <List.Item data-testid="hidden-note">{n.text}</List.Item>} />
        </Card>
      </Flex>
    </Flex>
  );
}
