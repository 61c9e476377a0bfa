import { Alert, Button, Drawer, Flex, List, Modal, Spin, Tag, Typography } from "antd";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { localized } from "../shell/localized";
import { VersionDocument, VersionsDocument } from "./api";
import { stepLabel, toFlow } from "./diagramModel";
import { layoutDiagram, startKey, type Size } from "./model/layout";
import type { WorkflowDefinition } from "./model/types";

const Diagram = lazy(() => import("./Diagram"));

/** The published versions (who, when); one opens read-only and can be copied into the draft. */
export function VersionsDrawer({ workflowKey, open, onClose, onCopy }: { workflowKey: string; open: boolean; onClose: () => void; onCopy: (definition: WorkflowDefinition, number: number) => void }) {
  const { t } = useTranslation("designer");
  const [{ data, fetching }] = useQuery({ query: VersionsDocument, variables: { key: workflowKey }, pause: !open, requestPolicy: "network-only" });
  const [viewing, setViewing] = useState<{ id: string; number: number } | null>(null);
  const versions = data?.workflowDefinition?.versions ?? [];
  return (
    <Drawer open={open} onClose={onClose} title={t("versions.title")} size={420}>
      {fetching && !data ? (
        <Spin />
      ) : (
        <List
          className="designer-versions"
          dataSource={versions}
          locale={{ emptyText: t("versions.none") }}
          renderItem={(v) => (
            <List.Item actions={[<Button key="open" size="small" onClick={() => setViewing({ id: v.id, number: v.number })}>{t("versions.open", { number: v.number })}</Button>]}>
              <List.Item.Meta
                title={
                  <Flex gap={6} align="center">
                    {t("versions.number", { number: v.number })}
                    {v.isRetired && <Tag>{t("versions.retired")}</Tag>}
                  </Flex>
                }
                description={t("versions.by", { who: v.publishedBy?.displayName ?? "—", when: new Date(v.publishedAt).toLocaleString() })}
              />
            </List.Item>
          )}
        />
      )}
      {viewing && (
        <VersionView
          id={viewing.id}
          number={viewing.number}
          onClose={() => setViewing(null)}
          onCopy={(definition) => {
            onCopy(definition, viewing.number);
            setViewing(null);
          }}
        />
      )}
    </Drawer>
  );
}

function VersionView({ id, number, onClose, onCopy }: { id: string; number: number; onClose: () => void; onCopy: (definition: WorkflowDefinition) => void }) {
  const { t } = useTranslation("designer");
  const [{ data, fetching }] = useQuery({ query: VersionDocument, variables: { id } });
  const definition = data?.node && "definition" in data.node ? (data.node.definition as WorkflowDefinition) : null;
  const [view, setView] = useState<Size | null>(null);
  const onResize = useCallback((next: Size) => setView((current) => (current && current.width === next.width && current.height === next.height ? current : next)), []);
  const layout = useMemo(() => (definition ? layoutDiagram(definition, { view, label: (index) => stepLabel(definition, index, localized, { fourEyes: t("diagram.fourEyes"), timeout: t("diagram.timeout") }) }) : null), [definition, view, t]);
  const flow = useMemo(() => (definition && layout ? toFlow(definition, layout, [], null, localized, { hours: t("sla.hoursShort"), days: t("sla.daysShort") }, { fourEyes: t("diagram.fourEyes"), timeout: t("diagram.timeout") }) : null), [definition, layout, t]);
  return (
    <Modal
      open
      width={960}
      title={t("versions.viewing", { number })}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>{t("versions.close")}</Button>,
        <Button key="copy" type="primary" disabled={!definition} onClick={() => definition && onCopy(definition)}>{t("versions.copy")}</Button>,
      ]}
    >
      <Alert type="info" showIcon title={t("versions.readOnly")} className="designer-version-note" />
      {fetching || !flow ? (
        <Spin />
      ) : (
        <Suspense fallback={<div className="designer-diagram" />}>
          <Diagram nodes={flow.nodes} edges={flow.edges} definition={definition ?? undefined} startKey={layout ? startKey(layout.direction, view, "") : null} onResize={onResize} readOnly label={t("versions.diagram", { number })} />
        </Suspense>
      )}
      {definition && <Typography.Text type="secondary">{localized(definition.title, definition.key)}</Typography.Text>}
    </Modal>
  );
}
