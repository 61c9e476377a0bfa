import { Alert, Button, Flex, Progress, Statistic, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ImportFieldsFragment } from "../api/graphql";
import { isRunning, percent } from "./importWizard";

/** Steps 3 and 4: the dry run's (or the commit's) counts, rejected rows with reasons, progress. */
export function ImportResult({
  record,
  busy,
  onCommit,
  onRemap,
}: {
  record: ImportFieldsFragment;
  busy: boolean;
  onCommit: () => void;
  onRemap: () => void;
}) {
  const { t } = useTranslation("admin");
  const running = isRunning(record.status);
  const done = percent(record.progress);
  const counts = record.counts;
  const committed = record.status === "COMMITTED";
  return (
    <Flex vertical gap={16}>
      {running || committed ? (
        <div className="import-progress">
          <Typography.Text>{running ? record.statusLabel : t("imports.committedAll")}</Typography.Text>
          <Progress
            percent={committed ? 100 : (done ?? 0)}
            status={running ? "active" : "success"}
            aria-label={t("imports.progress")}
            format={() => (record.progress ? `${record.progress.done} / ${record.progress.total ?? "?"}` : committed ? "✓" : "")}
          />
        </div>
      ) : null}
      {record.status === "FAILED" ? <Alert type="error" showIcon title={record.error ?? record.statusLabel} /> : null}
      {counts ? (
        <Flex gap={32} wrap className="import-counts">
          <Statistic title={t("imports.created")} value={counts.created} />
          <Statistic title={t("imports.changed")} value={counts.changed} />
          <Statistic title={t("imports.unchanged")} value={counts.unchanged} />
          <Statistic title={t("imports.rejected")} value={counts.rejected} styles={{ content: counts.rejected ? { color: "#cf1322" } : {} }} />
        </Flex>
      ) : null}
      {counts?.changedFields.length ? (
        <div>
          <Typography.Text type="secondary">{t("imports.changedFields")} </Typography.Text>
          {counts.changedFields.map((f) => (
            <Tag key={f.field}>
              {f.field}: {f.count}
            </Tag>
          ))}
        </div>
      ) : null}
      {record.rejections.length ? (
        <Table
          rowKey={(r) => `${r.row}-${r.column ?? ""}-${r.code}`}
          className="import-rejections"
          size="small"
          pagination={false}
          tableLayout="fixed"
          dataSource={record.rejections}
          columns={[
            { title: t("imports.row"), key: "row", width: 80, render: (_, r) => r.row },
            { title: t("imports.rejColumn"), key: "column", width: 140, ellipsis: true, render: (_, r) => r.column ?? "—" },
            { title: t("imports.reason"), key: "reason", render: (_, r) => r.message },
          ]}
        />
      ) : null}
      {!running && !committed ? (
        <Flex justify="end" gap={8}>
          <Button autoInsertSpace={false} onClick={onRemap}>
            {t("imports.remap")}
          </Button>
          <Button type="primary" disabled={!record.canCommit} loading={busy} autoInsertSpace={false} onClick={onCommit}>
            {t("imports.commit")}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
