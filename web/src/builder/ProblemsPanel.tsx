import { useMemo } from "react";
import { Badge, Card, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { builderChecks, fieldForPointer } from "./model";
import type { Builder } from "./useBuilder";

/** The server's errors for the draft (by JSON pointer) and the builder's own checks. */
export function ProblemsPanel({ builder }: { builder: Builder }) {
  const { t } = useTranslation("builder");
  // Once per document, not on every render of the editor (a selection re-renders it too).
  const checks = useMemo(() => builderChecks(builder.doc), [builder.doc]);
  const own = checks.map((p) => ({ text: t(`problems.${p.code}`, { subject: p.subject }), fieldId: p.fieldId, pointer: "" }));
  const server = builder.serverErrors.map((e) => ({ text: e.message, fieldId: fieldForPointer(builder.doc, e.pointer), pointer: e.pointer }));
  const all = [...server, ...own];
  return (
    <Card size="small" title={<Badge count={all.length} offset={[12, 0]} color={all.length ? "#cf1322" : "#52c41a"} showZero>{t("problems.title")}</Badge>} data-testid="builder-problems">
      <List
        size="small"
        dataSource={all}
        locale={{ emptyText: t("problems.none") }}
        renderItem={(p) => (
          <List.Item className={p.fieldId ? "builder-problem-link" : undefined} onClick={() => p.fieldId && builder.select(p.fieldId)}>
            <Typography.Text type="danger">{p.text}</Typography.Text>
            {p.pointer ? <Typography.Text code>{p.pointer}</Typography.Text> : null}
          </List.Item>
        )}
      />
    </Card>
  );
}
