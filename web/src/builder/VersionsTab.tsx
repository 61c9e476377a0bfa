import { Button, Flex, Modal, Table, Tabs, Tag } from "antd";
import { useClient } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { BuilderVersionDocument } from "./queries";
import { load, type JsonObject } from "./model";
import { TestMode } from "./TestMode";

export interface VersionRow {
  id: string;
  number: number;
  publishedAt: string;
  isRetired: boolean;
  publishedBy?: { displayName: string } | null;
}

/** Published versions with who and when; view one, or copy it into the draft. */
export function VersionsTab({ versions, onCopy }: { versions: VersionRow[]; onCopy: (definition: JsonObject, number: number) => void }) {
  const { t } = useTranslation("builder");
  const client = useClient();
  const [modal, holder] = Modal.useModal();
  async function fetchDefinition(id: string): Promise<JsonObject | null> {
    const res = await client.query(BuilderVersionDocument, { id }).toPromise();
    return (res.data?.formVersion?.definition as JsonObject) ?? null;
  }
  return (
    <>
      {holder}
      <Table<VersionRow>
        rowKey="id"
        size="small"
        dataSource={versions}
        pagination={false}
        locale={{ emptyText: t("versions.none") }}
        columns={[
          { title: t("versions.number"), render: (_, v) => <Flex gap={4}>v{v.number}{v.isRetired ? <Tag>{t("versions.retired")}</Tag> : null}</Flex> },
          { title: t("versions.publishedAt"), render: (_, v) => dayjs(v.publishedAt).format("YYYY-MM-DD HH:mm") },
          { title: t("versions.publishedBy"), render: (_, v) => v.publishedBy?.displayName ?? "—" },
          {
            title: "",
            render: (_, v) => (
              <Flex gap={4}>
                <Button size="small" onClick={async () => {
                  const def = await fetchDefinition(v.id);
                  if (!def) return;
                  // Read-only: the version as auditors saw it (the renderer, disabled), and its file.
                  modal.info({
                    width: 900,
                    title: t("versions.viewing", { n: v.number }),
                    content: (
                      <Tabs
                        items={[
                          { key: "form", label: t("tabs.test"), children: <div data-testid="version-view"><TestMode doc={load(def)} readOnly /></div> },
                          { key: "json", label: t("tabs.json"), children: <pre className="builder-json">{JSON.stringify(def, null, 2)}</pre> },
                        ]}
                      />
                    ),
                  });
                }}>{t("versions.open")}</Button>
                <Button size="small" onClick={async () => {
                  const def = await fetchDefinition(v.id);
                  if (def) onCopy(def, v.number);
                }}>{t("versions.copy")}</Button>
              </Flex>
            ),
          },
        ]}
      />
    </>
  );
}
