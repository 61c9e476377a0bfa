import { Button, Card, Descriptions, Flex, List, Tag } from "antd";
import { useQuery } from "urql";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader, type Crumb } from "../shell/PageHeader";
import { SubmissionSummary } from "../forms/SubmissionResult";
import { download } from "./download";
import { EvidenceCard } from "./EvidenceCard";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { localized } from "../shell/localized";
import { useViewer } from "../shell/viewer";
import { HistoryCard } from "./HistoryCard";
import { TransitionsPanel } from "./TransitionsPanel";
import { fillTarget, type FillTarget } from "./fillTarget";

const TaskDocument = graphql(`
  query Task($id: ID!) {
    workflowInstance(id: $id) {
      id
      state
      stateTitle
      takesSubmission
      formToFill {
        id
        latestVersion {
          id
        }
      }
      dueAt
      isOverdue
      lockVersion
      version {
        id
        definition
      }
      customer {
        id
        code
        name
      }
      assignee {
        id
        displayName
      }
      history {
        ...HistoryStepFields
      }
      availableTransitions {
        event
        toState
        title
        allowed
        reason
        message
        guardMessage
      }
      reports {
        id
        language
        createdAt
        downloadUrl
      }
      submission {
        id
        submittedAt
        score {
          raw
          max
          percent
          passed
        }
        hasFindings
        findings {
          pointer
          severity
          title
        }
        customer {
          id
          name
        }
        attachments {
          id
          kind
          fileName
          contentType
          byteSize
          caption
          fieldPath
          url
          thumbnailUrl
          hasThumbnail
        }
      }
    }
  }
`);

/**
 * One case (workflow instance): its state, the submission's score and findings, the steps the
 * caller may take (with the refusal reason for the others), history and reports. Shared by
 * the auditor's task page and the customer's case page.
 */
export function CaseView({ crumbs, fillLink }: { crumbs: Crumb[]; fillLink?: (task: FillTarget) => string | null }) {
  const { t } = useTranslation("cases");
  const viewer = useViewer();
  const { id = "" } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: TaskDocument, variables: { id } });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  if (fetching && !data) return null;
  const task = data?.workflowInstance;
  if (!task) return <ErrorPage kind="404" message={t("task.notFound")} />;
  const definition = task.version.definition as { title?: unknown } | null;
  const title = localized(definition?.title, task.stateTitle);
  // The case's own form (its plan's, or its submission's for a correction), as the server checks it.
  const target = fillTarget(task);
  const fillTo = target && fillLink ? fillLink(target) : null;

  return (
    <>
      <PageHeader
        title={title}
        crumbs={crumbs}
        subtitle={task.customer?.name}
        extra={
          fillTo ? (
            <Link to={fillTo}>
              <Button type="primary">{t("fill")}</Button>
            </Link>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: "state", label: t("task.state"), children: <Tag className="tag-info">{task.stateTitle}</Tag> },
              { key: "customer", label: t("task.customer"), children: task.customer ? `${task.customer.name} (${task.customer.code})` : "—" },
              {
                key: "due",
                label: t("task.due"),
                children: (
                  <Flex gap={8} align="center" wrap>
                    <span>{task.dueAt ? dayjs(task.dueAt).format("YYYY-MM-DD HH:mm") : t("noDue")}</span>
                    {task.isOverdue ? <Tag className="tag-bad">{t("overdue")}</Tag> : null}
                  </Flex>
                ),
              },
              { key: "assignee", label: t("task.assignee"), children: task.assignee?.displayName ?? "—" },
            ]}
          />
        </Card>
        {task.submission ? <SubmissionSummary submission={task.submission} /> : null}
        {task.submission ? <EvidenceCard attachments={task.submission.attachments} /> : null}
        <TransitionsPanel
          title={t("task.actions")}
          // A customer's case lists only what they may do: the staff's steps are not their choices.
          hideRoleRefusals={viewer.role === "CUSTOMER"}
          instance={{ ...task, definition: task.version.definition }}
          onChanged={() => refetch({ requestPolicy: "network-only" })}
        />
        <HistoryCard title={t("task.history")} opened={t("task.opened")} steps={task.history} />
        {task.reports.length ? (
          <Card title={<h2 className="card-title">{t("task.reports")}</h2>}>
            <List
              dataSource={task.reports}
              renderItem={(report) => (
                <List.Item
                  key={report.id}
                  actions={[
                    <Button key="download" onClick={() => void download(report.downloadUrl, `report-${report.language}.pdf`)}>
                      {t("task.download")}
                    </Button>,
                  ]}
                >
                  {report.language} · {dayjs(report.createdAt).format("YYYY-MM-DD HH:mm")}
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
