import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert, Button, Card, Flex, Popconfirm, Select, Space, Spin, Typography } from "antd";
import { CloudOutlined, CloudSyncOutlined } from "@ant-design/icons";
import { Form } from "@rjsf/antd";
import type { ErrorSchema, RJSFSchema, UiSchema } from "@rjsf/utils";
import type { IChangeEvent } from "@rjsf/core";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import type { Language } from "../i18n";
import { useViewer } from "../shell/viewer";
import { useOnline } from "../shell/useOnline";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { formValidator } from "./validator";
import { toErrorSchema } from "./serverErrors";
import { draftKey, loadLocalDraft, removeLocalDraft, saveLocalDraft } from "./localDraft";
import { SubmissionResult, type SubmittedResult } from "./SubmissionResult";
import { newerCopy, useServerDraft } from "./serverDraft";
import { AttachmentField, type AttachmentContext } from "./AttachmentField";
import { withAttachmentFields } from "./attachments";
import { formLayout, layoutClass, type FormLayout } from "./layout";

const FIELDS = { attachment: AttachmentField };

const FillFormDocument = graphql(`
  query FillForm($id: ID!) {
    formVersion(id: $id) {
      id
      number
      title
      localizedSchema
      localizedUiSchema
      form {
        id
        key
        category
        description
      }
    }
  }
`);

const CustomersDocument = graphql(`
  query CustomerChoices($search: String) {
    customers(filter: { search: $search }, first: 20) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

const SubmitDocument = graphql(`
  mutation SubmitForm($input: SubmitFormInput!) {
    submitForm(input: $input) {
      __typename
      ... on SubmissionAccepted {
        submission {
          id
          submittedAt
          score {
            raw
            max
            percent
            passed
          }
          hasFindings
          findings {
            pointer
            severity
            title
          }
          customer {
            id
            name
          }
        }
        workflowInstances {
          id
          stateTitle
        }
      }
      ... on ValidationFailed {
        message
        errors {
          path
          message
        }
      }
      ... on UserError {
        code
        message
      }
    }
  }
`);

type Answers = Record<string, unknown>;

/**
 * Fill in one form version: the browser validates with the server's draft (2020-12), errors
 * sit on their fields in the language on screen, the server's own errors land there too, and
 * every change is kept on this device (IndexedDB) so a reload or a dropped connection loses
 * nothing. Staff choose the customer; a customer user answers for their own.
 */
export function FillForm({
  formVersionId,
  customerId: fixedCustomer,
  instanceId,
  startFrom,
  resultLink,
}: {
  formVersionId: string;
  customerId?: string | null;
  instanceId?: string | null;
  /** The answers a form without a draft starts from (a correction: the ones handed in). */
  startFrom?: Record<string, unknown> | null;
  /** Where "open the case" goes for a started workflow instance. */
  resultLink: (instanceId: string) => string;
}) {
  const { t, i18n } = useTranslation("forms");
  const viewer = useViewer();
  const online = useOnline();
  const language = i18n.language as Language;
  const isCustomer = viewer.role === "CUSTOMER";
  const [{ data, error, fetching }] = useQuery({ query: FillFormDocument, variables: { id: formVersionId } });
  const [customerId, setCustomerId] = useState<string | null>(fixedCustomer ?? null);
  const [search, setSearch] = useState("");
  const [customers] = useQuery({ query: CustomersDocument, variables: { search: search || null }, pause: isCustomer || !!fixedCustomer });
  // Controlled: rjsf rebuilds its state from props whenever a prop changes.
  const [answers, setAnswers] = useState<Answers>({});
  const [restored, setRestored] = useState<{ at: string; where: "local" | "server" } | null>(null);
  const [synced, setSynced] = useState(false);
  // Bumped to remount the form (rjsf keeps its own state) after a discard.
  const [generation, setGeneration] = useState(0);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [result, setResult] = useState<SubmittedResult | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [{ fetching: submitting }, submit] = useMutation(SubmitDocument);
  const key = draftKey({ userId: viewer.user?.id ?? "-", formVersionId, customerId: isCustomer ? "own" : customerId, instanceId });
  const saveTimer = useRef<number | undefined>(undefined);
  const touched = useRef(false);
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  // The server copy needs a target: staff first choose the customer.
  const serverReady = isCustomer || !!customerId;
  const server = useServerDraft({ formVersionId, customerId: isCustomer ? null : customerId, workflowInstanceId: instanceId ?? null });
  const { load: loadServer, save: saveServer } = server;

  // Resume the newer of the local draft (after a reload, offline) and the server's (another device).
  useEffect(() => {
    let live = true;
    void (async () => {
      const local = await loadLocalDraft(key);
      const remote = serverReady ? await loadServer() : null;
      if (!live) return;
      // Typing began while the copies were loading: what is on screen wins (and is being saved),
      // never an older copy, nor the server's echo of the first keystrokes.
      if (touched.current) {
        setLoadedKey(key);
        return;
      }
      const fromServer = remote === "offline" ? null : remote;
      const usable = local && local.answers && typeof local.answers === "object" ? local : undefined;
      const same = !!usable && !!fromServer && JSON.stringify(usable.answers) === JSON.stringify(fromServer.answers);
      // The same answers on both: this device's copy (and it is synced).
      const pick = same ? "local" : newerCopy(usable, fromServer);
      if (pick === "server" && fromServer) {
        setAnswers(fromServer.answers as Answers);
        setRestored({ at: fromServer.updatedAt, where: "server" });
        setSynced(true);
      } else if (pick === "local" && usable) {
        setAnswers(usable.answers as Answers);
        setRestored({ at: usable.savedAt, where: "local" });
        setSynced(same || usable.synced);
        // Typed offline or before the server had it: send it now.
        if (!same && !usable.synced && remote !== "offline" && serverReady) void syncToServer(usable.answers as Answers, usable.savedAt);
      } else {
        setAnswers((startFrom ?? {}) as Answers);
        setRestored(null);
      }
      setLoadedKey(key);
    })();
    return () => {
      live = false;
    };
    // syncToServer only reads refs and stable callbacks
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, serverReady, loadServer]);

  /** Save on the server; mark the local copy synced when it took it. */
  const syncToServer = useCallback(
    async (next: Answers, at: string) => {
      const outcome = await saveServer(next);
      if (outcome === "saved") {
        await saveLocalDraft(key, { answers: next, savedAt: at, synced: true });
        setSynced(true);
      }
    },
    [key, saveServer],
  );

  // Back online: whatever was typed meanwhile goes to the server.
  useEffect(() => {
    if (!online || synced || !serverReady || loadedKey !== key || !touched.current) return;
    void syncToServer(answers, new Date().toISOString());
    // only on reconnect
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [online]);

  const onChange = useCallback(
    (event: IChangeEvent<Answers>) => {
      const next = (event.formData ?? {}) as Answers;
      setAnswers(next);
      // rjsf also reports the defaults it fills in on mount: only the user's edits are a
      // draft (else opening a form would overwrite the draft saved on this device).
      if (!touched.current) return;
      setExtraErrors(undefined);
      window.clearTimeout(saveTimer.current);
      // Debounced: typing is not slowed down by a write per key stroke.
      saveTimer.current = window.setTimeout(() => {
        const at = new Date().toISOString();
        setSynced(false);
        void saveLocalDraft(key, { answers: next, savedAt: at, synced: false }).then(() => {
          setSavedAt(at);
          if (serverReady && navigator.onLine) void syncToServer(next, at);
        });
      }, 800);
    },
    [key, serverReady, syncToServer],
  );
  useEffect(() => () => window.clearTimeout(saveTimer.current), []);

  const validator = useMemo(() => formValidator(language), [language]);
  const version = data?.formVersion;
  const schema = useMemo(() => (version?.localizedSchema ?? {}) as RJSFSchema, [version]);
  const uiSchema = useMemo(
    () => withAttachmentFields(version?.localizedSchema, (version?.localizedUiSchema ?? {}) as Record<string, unknown>) as UiSchema,
    [version],
  );
  const formContext = useMemo<AttachmentContext & FormLayout>(
    () => ({ formVersionId, draftId: server.draftId, ...formLayout(language) }),
    [formVersionId, server.draftId, language],
  );

  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  if ((fetching && !data) || loadedKey !== key) return <Spin />;
  if (!version) return <ErrorPage kind="404" />;
  if (result) return <SubmissionResult result={result} resultLink={resultLink} />;

  async function onSubmit(event: IChangeEvent<Answers>) {
    setProblem(null);
    if (!isCustomer && !customerId) {
      setProblem(t("chooseCustomerFirst"));
      return;
    }
    // Keep exactly what is being sent, before the network can fail.
    window.clearTimeout(saveTimer.current);
    await saveLocalDraft(key, { answers: event.formData ?? {}, savedAt: new Date().toISOString(), synced: false });
    const outcome = await submit({
      input: {
        formVersionId,
        customerId: isCustomer ? null : customerId,
        answers: event.formData ?? {},
        idempotencyKey: idempotencyKey.current,
        draftId: server.draftId,
        workflowInstanceId: instanceId ?? null,
      },
    });
    if (outcome.error) {
      // Offline or the server unreachable: the answers stay here and on this device.
      setProblem(outcome.error.networkError ? t("offlineKept") : outcome.error.message);
      return;
    }
    const answer = outcome.data?.submitForm;
    if (answer?.__typename === "SubmissionAccepted") {
      await removeLocalDraft(key);
      server.forget();
      setResult({ submission: answer.submission, instances: answer.workflowInstances });
    } else if (answer?.__typename === "ValidationFailed") {
      const mapped = toErrorSchema(answer.errors);
      setExtraErrors(mapped.schema);
      setProblem([answer.message, ...mapped.other].join(" "));
      idempotencyKey.current = crypto.randomUUID();
    } else if (answer && "message" in answer) {
      setProblem(answer.message);
      idempotencyKey.current = crypto.randomUUID();
    }
  }

  async function onDiscard() {
    window.clearTimeout(saveTimer.current);
    if (!(await server.discard())) {
      setProblem(t("offlineKept"));
      return;
    }
    await removeLocalDraft(key);
    touched.current = false;
    setAnswers({});
    setRestored(null);
    setSavedAt(null);
    setSynced(false);
    setGeneration((n) => n + 1);
  }

  const status = savedAt
    ? t(!online ? "savedOffline" : synced ? "savedEverywhere" : "savedLocally", { at: dayjs(savedAt).format("HH:mm:ss") })
    : t("autosave");

  return (
    <Flex vertical gap={16}>
      {!isCustomer && !fixedCustomer ? (
        <Card size="small">
          <Space direction="vertical" style={{ width: "100%" }}>
            <label htmlFor="customer-choice">
              <Typography.Text strong>{t("customer")}</Typography.Text>
            </label>
            <Select
              id="customer-choice"
              showSearch
              style={{ width: "100%" }}
              placeholder={t("chooseCustomer")}
              filterOption={false}
              onSearch={setSearch}
              value={customerId ?? undefined}
              onChange={(value: string) => setCustomerId(value)}
              loading={customers.fetching}
              options={(customers.data?.customers.nodes ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
            />
          </Space>
        </Card>
      ) : null}
      {restored ? (
        <Alert
          type="info"
          showIcon
          title={t(restored.where === "server" ? "restoredServer" : "restored", { at: dayjs(restored.at).format("YYYY-MM-DD HH:mm") })}
        />
      ) : null}
      {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
      <Card
        className={layoutClass(language)}
        onKeyDownCapture={() => (touched.current = true)}
        onPointerDownCapture={() => (touched.current = true)}
        onInputCapture={() => (touched.current = true)}
      >
        <Form
          key={`${loadedKey ?? "none"}-${generation}`}
          schema={schema}
          uiSchema={uiSchema}
          fields={FIELDS}
          formContext={formContext}
          formData={answers}
          validator={validator}
          onChange={onChange}
          onSubmit={(event) => void onSubmit(event)}
          onError={() => setAttempted(true)}
          extraErrors={extraErrors}
          liveValidate={attempted ? "onChange" : "onBlur"}
          showErrorList={false}
          focusOnFirstError
          noHtml5Validate
          disabled={submitting}
        >
          <Flex justify="space-between" align="center" className="fill-actions" wrap gap={8}>
            <Typography.Text type="secondary" data-testid="draft-status" data-saved-at={savedAt ?? ""} data-synced={synced ? "1" : "0"}>
              {online ? <CloudOutlined /> : <CloudSyncOutlined />} {status}
            </Typography.Text>
            <Space wrap>
              {restored || savedAt ? (
                <Popconfirm title={t("discardConfirm")} okText={t("discard")} cancelText={t("keep")} onConfirm={() => void onDiscard()}>
                  <Button danger>{t("discard")}</Button>
                </Popconfirm>
              ) : null}
              <Button type="primary" size="large" htmlType="submit" loading={submitting} onClick={() => setAttempted(true)}>
              {t("submit")}
            </Button>
            </Space>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
