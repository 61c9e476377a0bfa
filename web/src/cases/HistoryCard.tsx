import { Card, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { actorLine, stepHeadline, type HistoryStep } from "./history";

/** A case's steps, oldest first: what was done, by whom (name and role) and when, and the comment given. */
export function HistoryCard({ title, opened, steps }: { title: string; opened: string; steps: readonly HistoryStep[] }) {
  const { t, i18n } = useTranslation("cases");
  const roleTitle = (role: string) => (i18n.exists(`role.${role}`, { ns: "cases" }) ? t(`role.${role}`) : null);
  return (
    <Card title={<h2 className="card-title">{title}</h2>}>
      <Timeline
        items={steps.map((step) => ({
          key: step.sequence,
          content: (
            <>
              <Typography.Text strong>{stepHeadline(step, opened)}</Typography.Text> ·{" "}
              <span className="history-actor">{actorLine(step.actedBy, roleTitle, i18n.language)}</span> · {dayjs(step.occurredAt).format("YYYY-MM-DD HH:mm")}
              {step.comment ? <div className="history-comment">{step.comment}</div> : null}
            </>
          ),
        }))}
      />
    </Card>
  );
}
