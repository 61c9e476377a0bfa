import { Card, Timeline, Typography } from "antd";
import dayjs from "dayjs";
import { stepHeadline, type HistoryStep } from "./history";

/** A case's steps, oldest first: what was done, by whom and when, and the comment given. */
export function HistoryCard({ title, opened, steps }: { title: string; opened: string; steps: readonly HistoryStep[] }) {
  return (
    <Card title={<h2 className="card-title">{title}</h2>}>
      <Timeline
        items={steps.map((step) => ({
          key: step.sequence,
          content: (
            <>
              <Typography.Text strong>{stepHeadline(step, opened)}</Typography.Text> · {step.actor} ·{" "}
              {dayjs(step.occurredAt).format("YYYY-MM-DD HH:mm")}
              {step.comment ? <div className="history-comment">{step.comment}</div> : null}
            </>
          ),
        }))}
      />
    </Card>
  );
}
