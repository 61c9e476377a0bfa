import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Tag, Typography } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { inputPayload, missingInput, panelTransitions, takesComment, type InputField, type InputValues, type PanelTransition, type TransitionOption } from "./transitions";

const FireDocument = graphql(`
  mutation FireTransition($input: FireTransitionInput!) {
    fireTransition(input: $input) {
      __typename
      ... on TransitionFired {
        instance {
          id
          state
          stateTitle
          lockVersion
        }
      }
      ...UserErrorFields
    }
  }
`);

export interface TransitionsInstance {
  id: string;
  state: string;
  lockVersion: number;
  definition: unknown;
  availableTransitions: readonly TransitionOption[];
}

/**
 * The steps one may take on a case, with the refusal reason for the others, the comment, and
 * the input a step asks for. One panel for the auditor's task page, the customer's case page
 * and the manager's decision page. A conflict keeps what was typed and refreshes the case.
 */
export function TransitionsPanel({
  instance,
  title,
  hideRoleRefusals = false,
  texts = {},
  onChanged,
}: {
  instance: TransitionsInstance;
  title: string;
  hideRoleRefusals?: boolean;
  /** The page's own wording for the comment box, the conflict, a refusal and no steps. */
  texts?: { comment?: string; conflict?: string; refused?: string; none?: string };
  onChanged: () => void;
}) {
  const { t } = useTranslation("cases");
  const { message } = App.useApp();
  const [comment, setComment] = useState("");
  const [values, setValues] = useState<Record<string, InputValues>>({});
  const [problem, setProblem] = useState<{ kind: "conflict" | "error"; text: string } | null>(null);
  const [{ fetching }, fire] = useMutation(FireDocument);
  const transitions = panelTransitions(instance.availableTransitions, instance.definition, {
    state: instance.state,
    hideRoleRefusals,
    refusedText: texts.refused ?? t("task.refused"),
  });
  const anyComment = transitions.some((transition) => transition.allowed && transition.commentRequired);

  async function onFire(transition: PanelTransition) {
    setProblem(null);
    const result = await fire({
      input: {
        instanceId: instance.id,
        event: transition.event,
        comment: comment.trim() || null,
        input: inputPayload(transition, values[transition.key] ?? {}),
        expectedLockVersion: instance.lockVersion,
      },
    });
    const outcome = result.data?.fireTransition;
    if (outcome?.__typename === "TransitionFired") {
      void message.success(t("task.fired", { name: transition.name }));
      setComment("");
      setValues({});
    } else if (outcome?.__typename === "Conflict") {
      // Someone else moved it: explain, show the fresh state, keep what was typed.
      setProblem({ kind: "conflict", text: texts.conflict ?? t("task.conflict") });
    } else if (outcome && "message" in outcome) {
      setProblem({ kind: "error", text: outcome.message });
    } else if (result.error) {
      setProblem({ kind: "error", text: result.error.message });
    }
    onChanged();
  }

  return (
    <Card title={<h2 className="card-title">{title}</h2>}>
      <Flex vertical gap={12}>
        {problem ? (
          <Alert role="alert" className="decision-problem" type={problem.kind === "conflict" ? "warning" : "error"} showIcon title={problem.text} />
        ) : null}
        {takesComment(transitions) ? (
          <Input.TextArea
            aria-label={texts.comment ?? t("task.comment")}
            placeholder={anyComment ? t("transitions.commentNeeded") : (texts.comment ?? t("task.comment"))}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            autoSize={{ minRows: 2, maxRows: 8 }}
          />
        ) : null}
        <Flex vertical gap={8}>
          {transitions.map((transition) => (
            <TransitionRow
              key={transition.key}
              transition={transition}
              comment={comment}
              values={values[transition.key] ?? {}}
              onValues={(next) => setValues((all) => ({ ...all, [transition.key]: next }))}
              busy={fetching}
              onFire={() => void onFire(transition)}
            />
          ))}
          {transitions.length === 0 ? <Typography.Text type="secondary">{texts.none ?? t("transitions.none")}</Typography.Text> : null}
        </Flex>
      </Flex>
    </Card>
  );
}

function TransitionRow({
  transition,
  comment,
  values,
  onValues,
  busy,
  onFire,
}: {
  transition: PanelTransition;
  comment: string;
  values: InputValues;
  onValues: (values: InputValues) => void;
  busy: boolean;
  onFire: () => void;
}) {
  const { t } = useTranslation("cases");
  const missing = missingInput(transition, comment, values);
  const blocked = !transition.allowed || missing.length > 0 || transition.form !== null;
  const hint = !transition.allowed
    ? transition.refusal
    : transition.form !== null
      ? t("transitions.formNeeded")
      : missing.includes("comment")
        ? t("transitions.commentNeeded")
        : missing.length
          ? t("transitions.inputNeeded")
          : null;
  return (
    <Flex vertical gap={4} className="transition-row">
      <Flex gap={12} align="center" wrap>
        <Button type={transition.allowed ? "primary" : "default"} disabled={blocked} loading={busy && !blocked} onClick={onFire}>
          {transition.name}
        </Button>
        {transition.allowed && transition.commentRequired ? <Tag>{t("transitions.commentTag")}</Tag> : null}
        {hint ? (
          <Typography.Text type="secondary" className="refusal">
            {hint}
          </Typography.Text>
        ) : null}
      </Flex>
      {transition.allowed && transition.fields.length ? (
        <Form layout="vertical" size="small" className="transition-input" component="div">
          {transition.fields.map((field) => (
            <Form.Item key={field.name} label={field.label} required={field.required}>
              <FieldInput field={field} value={values[field.name]} onChange={(value) => onValues({ ...values, [field.name]: value })} />
            </Form.Item>
          ))}
        </Form>
      ) : null}
    </Flex>
  );
}

function FieldInput({ field, value, onChange }: { field: InputField; value: unknown; onChange: (value: unknown) => void }) {
  switch (field.kind) {
    case "boolean":
      return <Checkbox aria-label={field.label} checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
    case "number":
    case "integer":
      return (
        <InputNumber
          aria-label={field.label}
          value={typeof value === "number" ? value : null}
          precision={field.kind === "integer" ? 0 : undefined}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case "choice":
      return <Select aria-label={field.label} value={value as string | number | undefined} options={field.choices} onChange={onChange} allowClear />;
    case "text":
      return <Input.TextArea aria-label={field.label} value={(value as string) ?? ""} onChange={(event) => onChange(event.target.value)} autoSize={{ minRows: 1, maxRows: 4 }} />;
    default:
      return <Input aria-label={field.label} value={(value as string) ?? ""} onChange={(event) => onChange(event.target.value)} />;
  }
}
