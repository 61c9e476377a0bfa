import { Card, Empty, Flex, Modal, Table, Typography, type FormInstance } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Pager } from "./Pager";
import type { UrlTable } from "./urlTable";
import { prioritized, type PrioritizedColumn } from "./columns";

interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * The list-page scaffolding: a filter row, a table that fits a 768px tablet (column priority,
 * ellipsis; no sideways scroll), the total and the URL-backed pager. Filters, rows and texts
 * come from the page; the page owns its query.
 */
export function FilteredTable<T extends object, F extends string>({
  table,
  filters,
  rows,
  columns,
  loading,
  empty,
  total,
  pageInfo,
  className,
  rowKey = "id",
  title,
}: {
  title?: ReactNode;
  table?: UrlTable<F>;
  filters?: ReactNode;
  rows: readonly T[];
  columns: readonly PrioritizedColumn<T>[];
  loading?: boolean;
  empty: string;
  total?: string;
  pageInfo?: PageInfo;
  className?: string;
  rowKey?: string;
}) {
  return (
    <Card title={title}>
      {filters ? (
        <Flex gap={8} wrap align="center" className="filters" style={{ marginBottom: 16 }}>
          {filters}
        </Flex>
      ) : null}
      <Table<T>
        rowKey={rowKey}
        className={className}
        loading={loading}
        dataSource={rows as T[]}
        pagination={false}
        tableLayout="fixed"
        columns={prioritized(columns)}
        locale={{ emptyText: <Empty description={empty} /> }}
      />
      {total ? <Typography.Text type="secondary">{total}</Typography.Text> : null}
      {table && pageInfo ? <Pager table={table} hasNextPage={pageInfo.hasNextPage} endCursor={pageInfo.endCursor} /> : null}
    </Card>
  );
}

/** The create dialog beside a FilteredTable: an antd form in a modal, buttons in both languages. */
export function CreateModal<V>({
  open,
  title,
  okText,
  form,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  form: FormInstance<V>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t("table.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ autoInsertSpace: false }}
      cancelButtonProps={{ autoInsertSpace: false }}
    >
      {children}
    </Modal>
  );
}
