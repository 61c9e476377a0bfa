import { Button, Flex, Typography } from "antd";
import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { UrlTable } from "./urlTable";

/** Previous / next for a cursor-paged table whose position lives in the URL. */
export function Pager<F extends string>({
  table,
  hasNextPage,
  endCursor,
}: {
  table: UrlTable<F>;
  hasNextPage: boolean;
  endCursor?: string | null;
}) {
  const { t } = useTranslation();
  if (table.page === 1 && !hasNextPage) return null;
  return (
    <Flex justify="end" align="center" gap={8} className="pager">
      <Button icon={<LeftOutlined />} disabled={table.page === 1} onClick={table.previousPage}>
        {t("table.previous")}
      </Button>
      <Typography.Text>{t("table.page", { page: table.page })}</Typography.Text>
      <Button disabled={!hasNextPage} onClick={() => table.nextPage(endCursor)}>
        {t("table.next")} <RightOutlined />
      </Button>
    </Flex>
  );
}
