import { useEffect, type ReactNode } from "react";
import { Breadcrumb, Flex, Typography } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";

export interface Crumb {
  title: ReactNode;
  to?: string;
}

/**
 * The top of every page: breadcrumbs (home first), the page's title (its one <h1>), an
 * optional subtitle and actions. Also sets document.title.
 */
export function PageHeader({
  title,
  crumbs = [],
  subtitle,
  extra,
}: {
  title: string;
  crumbs?: Crumb[];
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const product = t("product");
  useEffect(() => {
    document.title = `${title} · ${product}`;
  }, [title, product]);
  const items = [{ title: <Link to="/">{t("menu.home")}</Link> }, ...crumbs, { title }].map((crumb, index) => ({
    key: index,
    title: "to" in crumb && crumb.to ? <Link to={crumb.to}>{crumb.title}</Link> : crumb.title,
  }));
  return (
    <header className="page-header">
      <Breadcrumb items={items} />
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
      </Flex>
    </header>
  );
}
