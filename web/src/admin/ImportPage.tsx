import { App, Button, Card, Flex, Steps, Tag, Typography, Upload } from "antd";
import { InboxOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import dayjs from "dayjs";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { FilteredTable } from "../shell/FilteredTable";
import { useUrlTable } from "../shell/urlTable";
import { CommitDocument, DryRunDocument, ImportDocument, ImportsDocument, SetMappingDocument, UploadDocument } from "./importDocuments";
import { ImportMapping } from "./ImportMapping";
import { ImportResult } from "./ImportResult";
import { isRunning, mappingInput, wizardStep } from "./importWizard";

const POLL_MS = 700;
const NO_FILTERS = [] as const;

/** Step 1: pick a CSV or XLSX file; it is uploaded at once (GraphQL multipart). */
function UploadStep({ onFile, busy }: { onFile: (file: File) => void; busy: boolean }) {
  const { t } = useTranslation("admin");
  return (
    <Upload.Dragger
      accept=".csv,.xlsx"
      multiple={false}
      showUploadList={false}
      disabled={busy}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t("imports.drop")}</p>
      <p className="ant-upload-hint">{t("imports.dropHint")}</p>
    </Upload.Dragger>
  );
}

/** The wizard for one import, polling the job while it runs. */
function Wizard({ importId, onNew }: { importId: string | null; onNew: () => void }) {
  const { t } = useTranslation("admin");
  const { message } = App.useApp();
  const [, setParams] = useSearchParams();
  const [{ data, error }, refetch] = useQuery({
    query: ImportDocument,
    variables: { id: importId ?? "" },
    pause: !importId,
    requestPolicy: "network-only",
  });
  const [upload, uploadFile] = useMutation(UploadDocument);
  const [mapping, setMapping] = useMutation(SetMappingDocument);
  const [dryRun, startDryRun] = useMutation(DryRunDocument);
  const [commit, startCommit] = useMutation(CommitDocument);
  const [remapping, setRemapping] = useState(false);
  const record = importId ? data?.customerImport : null;
  const running = isRunning(record?.status);

  useEffect(() => {
    if (!running) return undefined;
    const timer = window.setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, refetch]);

  if (error && !data) return <ErrorPage kind={errorKind(error)} />;

  function failed(outcome: { message?: string } | null | undefined) {
    if (outcome?.message) void message.error(outcome.message);
  }

  async function onFile(file: File) {
    const result = await uploadFile({ input: { file } });
    const outcome = result.data?.uploadCustomerFile;
    if (outcome?.__typename === "CustomerFileUploaded") {
      setParams({ import: outcome.customerImport.id });
    } else failed(outcome && "message" in outcome ? outcome : { message: result.error?.message });
  }

  async function onRun(chosen: Record<string, string>) {
    if (!record) return;
    const set = await setMapping({ input: { importId: record.id, mapping: mappingInput(chosen) } });
    const outcome = set.data?.setImportMapping;
    if (outcome?.__typename === "ValidationFailed") {
      void message.error(outcome.errors.map((e) => e.message).join(" · ") || outcome.message);
      return;
    }
    if (outcome?.__typename !== "ImportMappingSet") return failed(outcome && "message" in outcome ? outcome : undefined);
    const started = await startDryRun({ input: { importId: record.id } });
    const run = started.data?.startImportDryRun;
    if (run?.__typename === "ImportDryRunStarted") setRemapping(false);
    else failed(run && "message" in run ? run : undefined);
    refetch({ requestPolicy: "network-only" });
  }

  async function onCommit() {
    if (!record) return;
    const result = await startCommit({ input: { importId: record.id } });
    const outcome = result.data?.commitImport;
    if (outcome?.__typename !== "ImportCommitStarted") failed(outcome && "message" in outcome ? outcome : undefined);
    refetch({ requestPolicy: "network-only" });
  }

  const step = remapping ? 1 : wizardStep(record?.status);
  return (
    <Card
      title={record ? record.fileName : t("imports.newImport")}
      extra={
        record ? (
          <Button icon={<PlusOutlined />} autoInsertSpace={false} onClick={onNew}>
            {t("imports.newImport")}
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={20}>
        <Steps
          current={step}
          size="small"
          responsive={false}
          items={[{ title: t("imports.stepUpload") }, { title: t("imports.stepMap") }, { title: t("imports.stepDryRun") }, { title: t("imports.stepCommit") }]}
        />
        {step === 0 ? <UploadStep onFile={(file) => void onFile(file)} busy={upload.fetching} /> : null}
        {record && step === 1 ? (
          <ImportMapping key={record.id} headers={record.headers} mapping={record.mapping} busy={mapping.fetching || dryRun.fetching} onRun={(c) => void onRun(c)} />
        ) : null}
        {record && step >= 2 ? <ImportResult record={record} busy={commit.fetching} onCommit={() => void onCommit()} onRemap={() => setRemapping(true)} /> : null}
      </Flex>
    </Card>
  );
}

export default function ImportPage() {
  const { t } = useTranslation("admin");
  const [params, setParams] = useSearchParams();
  const importId = params.get("import");
  const table = useUrlTable(NO_FILTERS);
  const [{ data, fetching }] = useQuery({ query: ImportsDocument, variables: { after: table.after }, requestPolicy: "cache-and-network" });
  const connection = data?.customerImports;
  return (
    <>
      <PageHeader title={t("imports.title")} subtitle={t("imports.subtitle")} />
      <Flex vertical gap={16}>
        <Wizard key={importId ?? "new"} importId={importId} onNew={() => setParams({})} />
        <FilteredTable
          title={t("imports.history")}
          table={table}
          className="imports-table"
          loading={fetching && !data}
          rows={connection?.nodes ?? []}
          empty={t("imports.empty")}
          pageInfo={connection?.pageInfo}
          columns={[
            {
              title: t("imports.file"),
              key: "file",
              render: (_, row) => (
                <Typography.Link onClick={() => setParams({ import: row.id })}>{row.fileName}</Typography.Link>
              ),
            },
            { title: t("column.status"), key: "status", width: 130, render: (_, row) => <Tag>{row.statusLabel}</Tag> },
            {
              title: t("imports.result"),
              key: "result",
              priority: 2,
              render: (_, row) =>
                row.counts ? t("imports.summary", { created: row.counts.created, changed: row.counts.changed, rejected: row.counts.rejected }) : "—",
            },
            { title: t("imports.when"), key: "when", width: 170, render: (_, row) => dayjs(row.createdAt).format("YYYY-MM-DD HH:mm") },
          ]}
        />
      </Flex>
    </>
  );
}
