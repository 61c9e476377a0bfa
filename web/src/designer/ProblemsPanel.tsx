import { List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Problem, Selection } from "./diagramModel";
import { selectionOf } from "./diagramModel";

/** The server's lint of the draft; clicking a problem selects its element. */
export function ProblemsPanel({ problems, onSelect }: { problems: Problem[]; onSelect: (selection: Selection) => void }) {
  const { t } = useTranslation("designer");
  return (
    <List
      size="small"
      className="designer-problems"
      header={<Typography.Text strong>{t("problems.title", { count: problems.length })}</Typography.Text>}
      dataSource={problems}
      locale={{ emptyText: t("problems.none") }}
      renderItem={(problem) => (
        <List.Item className="designer-problem" onClick={() => onSelect(selectionOf(problem.error.pointer))}>
          <Tag className={problem.severity === "error" ? "tag-bad" : "tag-warn"}>{t(`problems.${problem.severity}`)}</Tag>
          <span>{problem.error.message}</span> <Typography.Text type="secondary" code>{problem.error.pointer || "/"}</Typography.Text>
        </List.Item>
      )}
    />
  );
}
