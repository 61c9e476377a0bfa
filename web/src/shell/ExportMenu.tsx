import { useEffect, useState } from "react";
import { Alert, App, Button, Flex, Modal, Popover, Progress, Segmented, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { authFetch } from "../api/client";
import { currentLanguage, type Language } from "../i18n";
import { exportInput, exportMode, fileNameFrom, progressPercent, streamUrl, type ExportFormatName, type ExportKindName, type ListFilter } from "./exports";

const RequestExportDocument = graphql(`
  mutation RequestExport($input: RequestExportInput!) {
    requestExport(input: $input) {
      __typename
      ... on ExportRequested {
        export {
          id
        }
      }
      ...UserErrorFields
    }
  }
`);

const ExportStatusDocument = graphql(`
  query ExportStatus($id: ID!) {
    export(id: $id) {
      id
      status
      statusLabel
      fileName
      downloadPath
      error
      progress {
        done
        total
      }
    }
  }
`);

async function save(response: Response, fallback: string): Promise<void> {
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = fileNameFrom(response.headers.get("Content-Disposition"), fallback);
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * "Export" beside a list: CSV or XLSX of the list as filtered, in the chosen language. A small
 * list downloads at once; a large one becomes an export job with a progress bar and a download
 * link when it is done (the same filters, the same row scope on the server).
 */
export function ExportMenu({ kind, filter, total, label }: { kind: ExportKindName; filter: ListFilter; total: number | null | undefined; label?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [busy, setBusy] = useState<ExportFormatName | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [, request] = useMutation(RequestExportDocument);

  async function startJob(format: ExportFormatName) {
    const result = await request({ input: exportInput(kind, format, filter, language) });
    const outcome = result.data?.requestExport;
    if (outcome?.__typename === "ExportRequested") setJobId(outcome.export.id);
    else if (outcome && "message" in outcome) void message.error(outcome.message);
    else if (result.error) void message.error(result.error.message);
  }

  async function onExport(format: ExportFormatName) {
    setBusy(format);
    setOpen(false);
    try {
      if (exportMode(total) === "direct") {
        const response = await authFetch(streamUrl(kind, format, filter, language), { headers: { "Accept-Language": language } });
        if (response.ok) return await save(response, `${kind}.${format}`);
        // Grew past the streaming limit meanwhile: the job takes it.
        if (response.status === 413) return await startJob(format);
        const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
        void message.error(body?.errors?.[0]?.message ?? t("export.failed"));
        return;
      }
      await startJob(format);
    } finally {
      setBusy(null);
    }
  }

  const panel = (
    <Flex vertical gap={12} className="export-panel">
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{t("export.language")}</Typography.Text>
        <Segmented<Language>
          aria-label={t("export.language")}
          size="small"
          value={language}
          options={[
            { label: t("language.zh-CN"), value: "zh-CN" },
            { label: t("language.en"), value: "en" },
          ]}
          onChange={setLanguage}
        />
      </Flex>
      <Typography.Text type="secondary">{exportMode(total) === "direct" ? t("export.direct") : t("export.job")}</Typography.Text>
      <Flex gap={8}>
        <Button onClick={() => void onExport("csv")} loading={busy === "csv"}>
          CSV
        </Button>
        <Button onClick={() => void onExport("xlsx")} loading={busy === "xlsx"}>
          Excel (XLSX)
        </Button>
      </Flex>
    </Flex>
  );

  return (
    <>
      <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={panel} title={t("export.title")}>
        <Button icon={<DownloadOutlined />} loading={busy !== null}>
          {label ?? t("export.button")}
        </Button>
      </Popover>
      {jobId ? <ExportJob id={jobId} onClose={() => setJobId(null)} /> : null}
    </>
  );
}

/** A running export: its progress, then its file (or why it failed). */
function ExportJob({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [{ data }, refetch] = useQuery({ query: ExportStatusDocument, variables: { id }, requestPolicy: "network-only" });
  const job = data?.export;
  const finished = job?.status === "DONE" || job?.status === "FAILED";
  useEffect(() => {
    if (finished) return;
    const timer = window.setInterval(() => refetch({ requestPolicy: "network-only" }), 1000);
    return () => window.clearInterval(timer);
  }, [finished, refetch]);

  async function onDownload() {
    if (!job?.downloadPath) return;
    const response = await authFetch(job.downloadPath);
    if (response.ok) await save(response, job.fileName);
  }

  return (
    <Modal
      open
      title={t("export.jobTitle")}
      onCancel={onClose}
      footer={
        <Flex gap={8} justify="end">
          <Button onClick={onClose}>{finished ? t("export.close") : t("export.background")}</Button>
          <Button type="primary" icon={<DownloadOutlined />} disabled={job?.status !== "DONE"} onClick={() => void onDownload()}>
            {t("export.download")}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>{job?.fileName ?? "…"}</Typography.Text>
        <Progress
          percent={job?.status === "DONE" ? 100 : progressPercent(job?.progress)}
          status={job?.status === "FAILED" ? "exception" : job?.status === "DONE" ? "success" : "active"}
          aria-label={t("export.progress")}
        />
        <Typography.Text type="secondary">
          {job ? `${job.statusLabel} · ${t("export.rows", { done: job.progress.done, total: job.progress.total ?? "?" })}` : null}
        </Typography.Text>
        {job?.status === "FAILED" ? <Alert type="error" showIcon title={job.error ?? t("export.failed")} /> : null}
      </Flex>
    </Modal>
  );
}
