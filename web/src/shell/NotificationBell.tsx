import { lazy, Suspense, useEffect, useState } from "react";
import { Button, Popover, Spin } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { graphql } from "../api/graphql";
import { badgeText } from "./notificationLink";

// The list loads when the bell is first opened: it keeps antd's List off the first screen.
const NotificationPanel = lazy(() => import("./NotificationPanel"));

const UnreadCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

// New notifications show up without a reload; a minute is soon enough for workflow news.
const POLL_MS = 60_000;

/** The header's bell: the unread count, and behind it the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [{ data }, refetch] = useQuery({ query: UnreadCountDocument, requestPolicy: "cache-and-network" });
  useEffect(() => {
    const timer = window.setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_MS);
    return () => window.clearInterval(timer);
  }, [refetch]);
  const unread = data?.unreadNotificationCount ?? 0;

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
      // Always given (a Popover without content never opens); antd mounts it at the first open,
      // which is when the panel's chunk loads.
      content={
        <Suspense fallback={<Spin size="small" />}>
          <NotificationPanel
            unread={unread}
            onClose={() => setOpen(false)}
            onChanged={() => refetch({ requestPolicy: "network-only" })}
          />
        </Suspense>
      }
    >
      <Button type="text" data-testid="notification-bell">
        <span className="sr-only">{t("notifications.label", { count: unread })}</span>
        {/* The badge repeats the count for the eye; the text above says it to screen readers. */}
        <span aria-hidden="true">
          <BellOutlined className="bell-icon" />
          {unread > 0 ? <span className="count-badge bell-count">{badgeText(unread)}</span> : null}
        </span>
      </Button>
    </Popover>
  );
}
