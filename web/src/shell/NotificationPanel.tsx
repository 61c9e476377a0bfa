import { Button, Empty, Flex, List } from "antd";
import { useMutation, useQuery } from "urql";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { portalRoute } from "./notificationLink";

const NotificationsDocument = graphql(`
  query ShellNotifications {
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

/** The bell's list: the latest ten, mark one or all read, open the case a notification is about. */
export default function NotificationPanel({ unread, onClose, onChanged }: { unread: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [{ data, fetching }, refetch] = useQuery({ query: NotificationsDocument, requestPolicy: "network-only" });
  const [, markRead] = useMutation(MarkReadDocument);
  const afterMark = () => {
    onChanged();
    refetch({ requestPolicy: "network-only" });
  };
  const openItem = (id: string, link: string | null | undefined, read: boolean) => {
    const route = portalRoute(link);
    if (!read) void markRead({ input: { ids: [id] } }).then(afterMark);
    onClose();
    if (route) void navigate(route);
  };

  return (
    <div className="bell-panel">
      <Flex justify="space-between" align="center" className="bell-panel-head">
        <strong>{t("notifications.title")}</strong>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => void markRead({ input: { all: true } }).then(afterMark)}>
          {t("notifications.markAll")}
        </Button>
      </Flex>
      <List
        size="small"
        loading={fetching && !data}
        dataSource={data?.notifications.nodes ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} /> }}
        renderItem={(item) => (
          <List.Item key={item.id} className={item.readAt ? "bell-item" : "bell-item bell-item-unread"}>
            <button type="button" className="bell-item-button" onClick={() => openItem(item.id, item.link, Boolean(item.readAt))}>
              <List.Item.Meta
                title={item.title}
                description={
                  <Flex vertical gap={2}>
                    <span>{item.body}</span>
                    <span className="bell-item-time">{dayjs(item.createdAt).format("YYYY-MM-DD HH:mm")}</span>
                  </Flex>
                }
              />
            </button>
          </List.Item>
        )}
      />
    </div>
  );
}
