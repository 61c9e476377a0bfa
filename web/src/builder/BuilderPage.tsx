import { useMemo, useRef, useState } from "react";
import { Alert, App, Button, Flex, Space, Spin, Tabs, Tooltip } from "antd";
import { CloudUploadOutlined, DownloadOutlined, RedoOutlined, UndoOutlined, UploadOutlined } from "@ant-design/icons";
import { useParams } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { BuilderFormDocument, BuilderVersionDocument, PublishFormDocument } from "./queries";
import { isObject, type JsonObject } from "./model";
import { useBuilder, type Builder, type SaveState } from "./useBuilder";
import { Palette } from "./Palette";
import { BuilderDnd, Canvas } from "./Canvas";
import { PropertyPanel } from "./PropertyPanel";
import { ProblemsPanel } from "./ProblemsPanel";
import { FormSettings } from "./FormSettings";
import { LogicTab } from "./LogicTab";
import { TestMode } from "./TestMode";
import { VersionsTab, type VersionRow } from "./VersionsTab";
import { PublishDialog } from "./PublishDialog";
import "./builder.css";

/** The editor of one form's draft: design, logic, test, versions. */
export default function BuilderPage() {
  const { id = "" } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: BuilderFormDocument, variables: { id }, requestPolicy: "network-only" });
  // The editor keeps its own state once loaded (saves refresh the query; they must not remount
  // it): only a deliberate reload, after the fresh draft is in, starts it again.
  const [generation, setGeneration] = useState(0);
  const client = useClient();
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const form = data?.form;
  if (fetching && !form) return <Spin />;
  if (!form) return <ErrorPage kind="404" />;
  return (
    <Editor
      key={`${form.id}-${generation}`}
      formId={form.id}
      title={form.title}
      initial={form.draft as JsonObject}
      revision={form.draftRevision}
      versions={form.versions.nodes}
      reload={() => void client.query(BuilderFormDocument, { id }, { requestPolicy: "network-only" }).toPromise().then(() => setGeneration((g) => g + 1))}
    />
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation("builder");
  const text = state.kind === "saving" ? t("save.saving") : state.kind === "saved" ? t("save.saved", { rev: state.revision }) : state.kind === "invalid" ? t("save.invalid") : state.kind === "failed" ? state.message : "";
  return (
    // A darker red than antd's "danger": the status sits on the header's secondary text and must stay legible (contrast).
    <span className={state.kind === "invalid" || state.kind === "failed" ? "save-status save-status-bad" : "save-status"} data-testid="save-status" data-state={state.kind}>
      {text}
    </span>
  );
}

function Editor({ formId, title, initial, revision, versions, reload }: { formId: string; title: string; initial: JsonObject; revision: number; versions: VersionRow[]; reload: () => void }) {
  const { t } = useTranslation("builder");
  const { message } = App.useApp();
  const builder = useBuilder(formId, initial, revision);
  const [tab, setTab] = useState("design");
  const [publishOpen, setPublishOpen] = useState(false);
  const [previous, setPrevious] = useState<JsonObject | null>(null);
  const [publishProblem, setPublishProblem] = useState<string | null>(null);
  const [{ fetching: publishing }, publish] = useMutation(PublishFormDocument);
  const client = useClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const latest = versions[0] ?? null;

  async function openPublish() {
    setPublishProblem(null);
    if (latest) {
      const res = await client.query(BuilderVersionDocument, { id: latest.id }).toPromise();
      setPrevious((res.data?.formVersion?.definition as JsonObject) ?? null);
    } else setPrevious(null);
    setPublishOpen(true);
  }

  async function doPublish() {
    const result = await publish({ input: { formId } });
    const answer = result.data?.publishForm;
    if (answer?.__typename === "FormPublished") {
      setPublishOpen(false);
      void message.success(t("publish.done", { n: answer.version.number }));
      reload();
    } else setPublishProblem(answer && "message" in answer ? answer.message : (result.error?.message ?? ""));
  }

  function exportFile() {
    const blob = new Blob([JSON.stringify(builder.definition, null, 2) + "\n"], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${String(builder.definition.key ?? "form")}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function importFile(file: File) {
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (!isObject(parsed) || !isObject(parsed.schema)) throw new Error("not a definition");
      builder.replace(parsed);
    } catch {
      void message.error(t("save.importFailed"));
    }
  }

  // The JSON view is built only while it is shown (a 300-field form is a long string).
  const json = useMemo(() => (tab === "json" ? JSON.stringify(builder.definition, null, 2) : ""), [tab, builder.definition]);
  const conflict = builder.saveState.kind === "conflict";
  const canPublish = !builder.unsaved && builder.saveState.kind !== "invalid" && !conflict;
  return (
    <Flex vertical gap={12} className="builder-page">
      <PageHeader
        title={title}
        crumbs={[{ title: t("list.title"), to: "/builder" }]}
        subtitle={<SaveStatus state={builder.saveState} />}
        extra={
          <Space wrap>
            <Tooltip title={t("save.undo")}><Button icon={<UndoOutlined />} aria-label={t("save.undo")} disabled={!builder.canUndo} onClick={builder.undo} /></Tooltip>
            <Tooltip title={t("save.redo")}><Button icon={<RedoOutlined />} aria-label={t("save.redo")} disabled={!builder.canRedo} onClick={builder.redo} /></Tooltip>
            <Button icon={<DownloadOutlined />} onClick={exportFile}>{t("save.export")}</Button>
            <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>{t("save.import")}</Button>
            <input ref={fileInput} type="file" accept="application/json,.json" hidden data-testid="import-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importFile(f); e.target.value = ""; }} />
            <Button type="primary" icon={<CloudUploadOutlined />} disabled={!canPublish} onClick={() => void openPublish()}>{t("save.publish")}</Button>
          </Space>
        }
      />
      {conflict ? <Alert type="error" showIcon role="alert" title={t("save.conflict")} action={<Button onClick={reload}>{t("save.reload")}</Button>} data-testid="conflict" /> : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "design", label: t("tabs.design"), children: <DesignTab builder={builder} /> },
          { key: "logic", label: t("tabs.logic"), children: <LogicTab builder={builder} /> },
          { key: "test", label: t("tabs.test"), children: tab === "test" ? <TestMode doc={builder.doc} /> : null },
          { key: "versions", label: t("tabs.versions"), children: <VersionsTab versions={versions} onCopy={(def, n) => { builder.replace(def); void message.success(t("versions.copied", { n })); setTab("design"); }} /> },
          { key: "json", label: t("tabs.json"), children: <pre className="builder-json" data-testid="builder-json">{json}</pre> },
        ]}
      />
      <PublishDialog open={publishOpen} previous={previous} previousNumber={latest?.number ?? null} draft={builder.definition} publishing={publishing} problem={publishProblem} onPublish={() => void doPublish()} onClose={() => setPublishOpen(false)} />
    </Flex>
  );
}

function DesignTab({ builder }: { builder: Builder }) {
  return (
    <div className="builder-panes">
      <BuilderDnd builder={builder}>
        <div className="builder-pane-palette"><Palette onAdd={builder.add} /></div>
        <div className="builder-pane-canvas"><Canvas builder={builder} /></div>
      </BuilderDnd>
      <div className="builder-pane-props">
        <Flex vertical gap={12}>
          <PropertyPanel builder={builder} />
          <ProblemsPanel builder={builder} />
          <FormSettings builder={builder} />
        </Flex>
      </div>
    </div>
  );
}
