import { useEffect, useState } from "react";
import { Badge, Button, Empty, Flex, List, Popover, Typography } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { badgeText, portalRoute } from "./notificationLink";

const NotificationsDocument = graphql(`
  query ShellNotifications {
    unreadNotificationCount
    notifications(first: 10) {
      nodes {
        id
        title
        body
        link
        createdAt
        readAt
      }
    }
  }
`);

const MarkReadDocument = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      __typename
      ... on NotificationsMarkedRead {
        unreadCount
      }
    }
  }
`);

// New notifications show up without a reload; a minute is soon enough for workflow news.
const POLL_MS = 60_000;

/** The header's bell: unread count, the latest notifications, mark as read, open the case. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [{ data }, refetch] = useQuery({ query: NotificationsDocument, requestPolicy: "cache-and-network" });
  const [, markRead] = useMutation(MarkReadDocument);
  useEffect(() => {
    const timer = window.setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_MS);
    return () => window.clearInterval(timer);
  }, [refetch]);

  const unread = data?.unreadNotificationCount ?? 0;
  const items = data?.notifications.nodes ?? [];
  const afterMark = () => refetch({ requestPolicy: "network-only" });
  const openItem = (id: string, link: string | null | undefined, read: boolean) => {
    const route = portalRoute(link);
    if (!read) void markRead({ input: { ids: [id] } }).then(afterMark);
    setOpen(false);
    if (route) void navigate(route);
  };

  const content = (
    <div className="bell-panel">
      <Flex justify="space-between" align="center" className="bell-panel-head">
        <Typography.Text strong>{t("notifications.title")}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => void markRead({ input: { all: true } }).then(afterMark)}>
          {t("notifications.markAll")}
        </Button>
      </Flex>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} /> }}
        renderItem={(item) => (
          <List.Item key={item.id} className={item.readAt ? "bell-item" : "bell-item bell-item-unread"}>
            <button type="button" className="bell-item-button" onClick={() => openItem(item.id, item.link, Boolean(item.readAt))}>
              <List.Item.Meta
                title={item.title}
                description={
                  <Flex vertical gap={2}>
                    <Typography.Text>{item.body}</Typography.Text>
                    <Typography.Text type="secondary">{dayjs(item.createdAt).format("YYYY-MM-DD HH:mm")}</Typography.Text>
                  </Flex>
                }
              />
            </button>
          </List.Item>
        )}
      />
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content} arrow={false}>
      <Button type="text" data-testid="notification-bell">
        <span className="sr-only">{t("notifications.label", { count: unread })}</span>
        {/* The badge repeats the count for the eye; the text above says it to screen readers. */}
        <span aria-hidden="true">
          <Badge count={badgeText(unread)} size="small" offset={[4, -2]}>
            <BellOutlined className="bell-icon" />
          </Badge>
        </span>
      </Button>
    </Popover>
  );
}
