import { Suspense, useEffect, useMemo, useState } from "react";
import { Avatar, Button, Dropdown, Grid, Layout as AntLayout, Menu, Segmented, Spin } from "antd";
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined, WifiOutlined } from "@ant-design/icons";
import { Link, Outlet, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { graphql } from "../api/graphql";
import { signOut } from "../auth/auth";
import { setLanguage, type Language } from "../i18n";
import { areas } from "../areas";
import { allowed, type MenuEntry } from "./area";
import { useViewer } from "./viewer";
import { useOnline } from "./useOnline";
import { NotificationBell } from "./NotificationBell";
import { badgeText } from "./notificationLink";
import { menuSections } from "./menuGroups";

const { Header, Sider, Content } = AntLayout;

const MenuCountsDocument = graphql(`
  query MenuCounts {
    myWorkCounts {
      total
      overdue
    }
  }
`);

function menuFor(role: ReturnType<typeof useViewer>["role"]): MenuEntry[] {
  return areas
    .flatMap((area) => area.menu)
    .filter((entry) => allowed(entry.roles, role))
    .sort((a, b) => a.order - b.order);
}

type MenuItems = NonNullable<Parameters<typeof Menu>[0]["items"]>;

/** The back-office frame: side menu by role, header (language, user), content. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const viewer = useViewer();
  const location = useLocation();
  const online = useOnline();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  const isCollapsed = collapsed ?? narrow;
  const entries = useMemo(() => menuFor(viewer.role), [viewer.role]);
  const selected = entries
    .filter((entry) => location.pathname === entry.path || location.pathname.startsWith(`${entry.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const hasBadge = entries.some((entry) => entry.badge === "myWork");
  // Refreshed on every navigation, so the badge follows work the caller just finished.
  const [{ data: counts }, refetchCounts] = useQuery({ query: MenuCountsDocument, pause: !hasBadge });
  const path = location.pathname;
  useEffect(() => {
    if (hasBadge && path) refetchCounts({ requestPolicy: "network-only" });
  }, [hasBadge, path, refetchCounts]);
  const name = viewer.user?.displayName ?? viewer.user?.username ?? "";
  const item = (entry: MenuEntry) => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.path}>
        {t(entry.label)}
        {entry.badge === "myWork" && counts?.myWorkCounts.total ? (
          <span
            className={counts.myWorkCounts.overdue ? "count-badge menu-badge count-badge-bad" : "count-badge menu-badge"}
            title={t("menu.openWork", { count: counts.myWorkCounts.total, overdue: counts.myWorkCounts.overdue })}
          >
            {badgeText(counts.myWorkCounts.total)}
          </span>
        ) : null}
      </Link>
    ),
  });
  // A long menu (an administrator's) in titled sections; a short one flat.
  const items: MenuItems = menuSections(entries).flatMap((section): MenuItems =>
    section.group === null
      ? section.entries.map(item)
      : [{ type: "group" as const, key: `group-${section.group}`, label: isCollapsed ? null : t(`menu.group.${section.group}`), children: section.entries.map(item) }],
  );

  return (
    <AntLayout className="shell">
      <Sider
        className="shell-sider"
        width={224}
        collapsedWidth={64}
        collapsed={isCollapsed}
        trigger={null}
        theme="dark"
        aria-label={t("product")}
      >
        <Link to="/" className="shell-brand" aria-label={t("product")}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {isCollapsed ? null : <span>{t("product")}</span>}
        </Link>
        <nav>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected.key] : []}
            items={items}
          />
        </nav>
      </Sider>
      <AntLayout>
        <Header className="shell-header">
          <Button
            type="text"
            aria-label={t("menu.toggle")}
            icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!isCollapsed)}
          />
          <div className="shell-header-space" />
          <Segmented<Language>
            aria-label={t("language.label")}
            size="small"
            value={i18n.language as Language}
            options={[
              { label: t("language.zh-CN"), value: "zh-CN" },
              { label: t("language.en"), value: "en" },
            ]}
            onChange={(value) => void setLanguage(value)}
          />
          <NotificationBell />
          <Dropdown
            trigger={["click"]}
            menu={{
              items: [
                { key: "role", disabled: true, label: `${t("user.role")}: ${viewer.role ? t(`role.${viewer.role}`) : ""}` },
                { type: "divider" },
                { key: "signout", icon: <LogoutOutlined />, label: t("user.signOut"), onClick: () => void signOut() },
              ],
            }}
          >
            <Button type="text" className="shell-user" aria-label={`${name} · ${t("user.signOut")}`}>
              <Avatar size="small" icon={<UserOutlined />} />
              {narrow ? null : <span className="shell-user-name">{name}</span>}
            </Button>
          </Dropdown>
        </Header>
        {/* A plain banner, not antd's Alert: the first screen need not carry Alert for this. */}
        {online ? null : (
          <div className="offline-banner" role="alert">
            <WifiOutlined aria-hidden /> {t("offlineBanner")}
          </div>
        )}
        {/* antd's Content is the page's one <main> landmark. */}
        <Content className="shell-content">
          <div className="shell-page">
            <Suspense
              fallback={
                <div className="page-loading">
                  <Spin />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </div>
        </Content>
      </AntLayout>
    </AntLayout>
  );
}
