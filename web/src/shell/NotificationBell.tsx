import { useState } from "react";
import { Badge, Button, Drawer, Empty, List, Typography } from "antd";
import { BellOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "urql";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";

const UnreadCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

const NotificationsDocument = graphql(`
  query BellNotifications {
    notifications(first: 20) {
      totalCount
      nodes {
        id
        kind
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
        marked
        unreadCount
      }
    }
  }
`);

/** The header's bell: unread count, a drawer with the newest notifications; opening one marks it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [{ data: countData }, refetchCount] = useQuery({ query: UnreadCountDocument, requestPolicy: "cache-and-network" });
  const [{ data, fetching }, refetchList] = useQuery({ query: NotificationsDocument, pause: !open, requestPolicy: "network-only" });
  const [, markRead] = useMutation(MarkReadDocument);
  const unread = countData?.unreadNotificationCount ?? 0;
  const nodes = data?.notifications.nodes ?? [];
  const refresh = () => {
    refetchCount({ requestPolicy: "network-only" });
    refetchList({ requestPolicy: "network-only" });
  };
  const openItem = async (id: string, link: string | null | undefined, read: boolean) => {
    if (!read) await markRead({ input: { ids: [id] } });
    refresh();
    if (link) {
      setOpen(false);
      void navigate(link);
    }
  };
  const more = (data?.notifications.totalCount ?? 0) - nodes.length;
  return (
    <>
      <Button type="text" aria-label={t("bell.label", { count: unread })} onClick={() => setOpen(true)}>
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellOutlined className="bell-icon" />
        </Badge>
      </Button>
      <Drawer
        title={t("bell.title")}
        open={open}
        onClose={() => setOpen(false)}
        size={380}
        extra={
          <Button
            size="small"
            disabled={unread === 0}
            onClick={async () => {
              await markRead({ input: { all: true } });
              refresh();
            }}
          >
            {t("bell.markAll")}
          </Button>
        }
      >
        <List
          loading={fetching && !data}
          dataSource={nodes}
          locale={{ emptyText: <Empty description={t("bell.empty")} /> }}
          renderItem={(item) => (
            <List.Item className={item.readAt ? "bell-item" : "bell-item bell-unread"}>
              <List.Item.Meta
                title={
                  <a
                    href={item.link ?? "#"}
                    onClick={(event) => {
                      event.preventDefault();
                      void openItem(item.id, item.link, item.readAt != null);
                    }}
                  >
                    {item.readAt ? null : <Badge status="processing" text={null} className="bell-dot" />}
                    {item.title}
                  </a>
                }
                description={
                  <>
                    <Typography.Paragraph className="bell-body">{item.body}</Typography.Paragraph>
                    <Typography.Text type="secondary">{dayjs(item.createdAt).format("YYYY-MM-DD HH:mm")}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
        {more > 0 ? <Typography.Text type="secondary">{t("bell.more", { count: more })}</Typography.Text> : null}
      </Drawer>
    </>
  );
}
