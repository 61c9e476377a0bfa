import { Alert, List, Modal, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { diffDefinitions, type Change } from "./model/diff";
import type { WorkflowDefinition } from "./model/types";

const CLASSES: Record<Change["kind"], string> = { added: "tag-good", removed: "tag-bad", changed: "tag-info" };

function short(value: unknown): string {
  if (value === undefined) return "—";
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Publishing shows what changes against the published version first. */
export function PublishDialog({ open, published, draft, publishing, blocked, onPublish, onCancel }: { open: boolean; published: WorkflowDefinition | null; draft: WorkflowDefinition; publishing: boolean; blocked: boolean; onPublish: () => void; onCancel: () => void }) {
  const { t } = useTranslation("designer");
  const changes = diffDefinitions(published, draft).filter((c) => c.element !== "layout");
  return (
    <Modal open={open} title={t("publish.title")} okText={t("publish.confirm")} cancelText={t("publish.cancel")} onOk={onPublish} onCancel={onCancel} okButtonProps={{ disabled: blocked, loading: publishing }} width={720}>
      {blocked && <Alert type="error" showIcon title={t("publish.blocked")} />}
      <Typography.Paragraph>{published ? t("publish.against") : t("publish.first")}</Typography.Paragraph>
      <List
        size="small"
        className="designer-diff"
        dataSource={changes}
        locale={{ emptyText: t("publish.noChanges") }}
        renderItem={(change) => (
          <List.Item>
            <Tag className={CLASSES[change.kind]}>{t(`publish.${change.kind}`)}</Tag>
            <Typography.Text code>{change.element}</Typography.Text>
            {change.path && <Typography.Text type="secondary"> {change.path}</Typography.Text>}
            {change.kind === "changed" && (
              <div className="designer-diff-values">
                <del>{short(change.before)}</del> → <ins>{short(change.after)}</ins>
              </div>
            )}
          </List.Item>
        )}
      />
    </Modal>
  );
}
