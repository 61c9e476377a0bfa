import { useState } from "react";
import { Alert, List, Modal, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { diffDefinitions, type Change, type JsonObject } from "./model";

type Language = "zh-CN" | "en";

export function changeText(change: Change, language: Language, t: (k: string, o?: Record<string, unknown>) => string): string {
  const label = change.label[language] || change.label.en || change.keys.join(" / ");
  if (change.kind === "moved") return t("publish.moved");
  if (change.kind === "other") return t("publish.other", { what: change.what.join(", ") });
  return t(`publish.${change.kind}`, { label, what: change.what.join(", ") });
}

const COLORS: Record<Change["kind"], string> = { added: "green", removed: "red", changed: "blue", moved: "default", other: "purple" };

/** Confirm publishing with a readable list of what changed since the previous version. */
export function PublishDialog({ open, previous, previousNumber, draft, publishing, problem, onPublish, onClose }: {
  open: boolean;
  previous: JsonObject | null;
  previousNumber: number | null;
  draft: JsonObject;
  publishing: boolean;
  problem: string | null;
  onPublish: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation("builder");
  // Diffed when opened only, not on every edit while closed (the dialog stays mounted); the
  // last list stays while it fades out.
  const [shown, setShown] = useState<{ previous: JsonObject | null; draft: JsonObject; changes: Change[] } | null>(null);
  let changes = shown?.changes ?? [];
  if (open && (shown?.previous !== previous || shown?.draft !== draft)) {
    changes = previous ? diffDefinitions(previous, draft) : [];
    setShown({ previous, draft, changes });
  }
  return (
    <Modal open={open} title={t("publish.title")} okText={t("publish.confirm")} onOk={onPublish} onCancel={onClose} confirmLoading={publishing} okButtonProps={{ disabled: !!previous && changes.length === 0 }}>
      <Typography.Title level={5}>{previous ? t("publish.diff", { n: previousNumber }) : t("publish.first")}</Typography.Title>
      {previous && changes.length === 0 ? <Alert type="info" showIcon title={t("publish.noChanges")} /> : null}
      {changes.length ? (
        <List size="small" data-testid="publish-diff" dataSource={changes} renderItem={(c) => (
          <List.Item>
            <Tag color={COLORS[c.kind]}>{t(`publish.kind.${c.kind}`)}</Tag>
            {changeText(c, i18n.language as Language, (k, o) => t(k, o ?? {}))}
          </List.Item>
        )} />
      ) : null}
      {problem ? <Alert type="error" showIcon title={problem} role="alert" /> : null}
    </Modal>
  );
}
