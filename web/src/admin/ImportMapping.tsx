import { Button, Flex, Select, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { IMPORT_FIELDS, attributeKey } from "./importWizard";

/** Step 2: which customer field each column of the file fills (suggested from the headers). */
export function ImportMapping({
  headers,
  mapping,
  busy,
  onRun,
}: {
  headers: readonly string[];
  mapping: readonly { column: string; field: string }[];
  busy: boolean;
  onRun: (chosen: Record<string, string>) => void;
}) {
  const { t } = useTranslation("admin");
  const [chosen, setChosen] = useState<Record<string, string>>(() => {
    const initial: Record<string, string> = Object.fromEntries(headers.map((h) => [h, ""]));
    for (const m of mapping) initial[m.column] = m.field;
    return initial;
  });
  return (
    <Flex vertical gap={12}>
      <Table
        rowKey="column"
        className="import-mapping"
        size="small"
        pagination={false}
        tableLayout="fixed"
        dataSource={headers.map((column) => ({ column }))}
        columns={[
          { title: t("imports.column"), key: "column", ellipsis: true, render: (_, row) => row.column },
          {
            title: t("imports.field"),
            key: "field",
            render: (_, row) => (
              <Select
                aria-label={t("imports.fieldOf", { column: row.column })}
                style={{ width: "100%" }}
                value={chosen[row.column] ?? ""}
                onChange={(field: string) => setChosen((current) => ({ ...current, [row.column]: field }))}
                options={[
                  { value: "", label: t("imports.skip") },
                  ...IMPORT_FIELDS.map((field) => ({ value: field, label: t(`imports.target.${field}`) })),
                  { value: attributeKey(row.column), label: t("imports.attribute", { key: attributeKey(row.column).slice(11) }) },
                ]}
              />
            ),
          },
        ]}
      />
      <Flex justify="end">
        <Button type="primary" loading={busy} autoInsertSpace={false} onClick={() => onRun(chosen)}>
          {t("imports.dryRun")}
        </Button>
      </Flex>
    </Flex>
  );
}
