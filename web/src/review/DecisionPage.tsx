import { Card, Descriptions, Flex, Tag } from "antd";
import { useQuery } from "urql";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { localized } from "../shell/localized";
import { HistoryCard } from "../cases/HistoryCard";
import { TransitionsPanel } from "../cases/TransitionsPanel";
import { EvidenceCard } from "../cases/EvidenceCard";
import { SubmissionSummary } from "../forms/SubmissionResult";

const DecisionDocument = graphql(`
  query ReviewDecision($id: ID!) {
    workflowInstance(id: $id) {
      id
      state
      stateTitle
      dueAt
      isOverdue
      escalatedAt
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
      availableTransitions {
        event
        toState
        title
        allowed
        reason
        message
        guardMessage
      }
      history {
        ...HistoryStepFields
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

export default function DecisionPage() {
  const { t } = useTranslation("review");
  const { id = "" } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({ query: DecisionDocument, variables: { id }, requestPolicy: "network-only" });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  if (fetching && !data) return null;
  const item = data?.workflowInstance;
  if (!item) return <ErrorPage kind="404" message={t("decision.notFound")} />;
  const title = localized((item.version.definition as { title?: unknown } | null)?.title, item.stateTitle);

  return (
    <>
      <PageHeader title={title} crumbs={[{ title: t("menu.review"), to: "/review" }]} subtitle={item.customer?.name} />
      <Flex vertical gap={16}>
        <Card title={<h2 className="card-title">{t("decision.details")}</h2>}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: "state", label: t("column.state"), children: <Tag color="blue">{item.stateTitle}</Tag> },
              {
                key: "customer",
                label: t("column.customer"),
                children: item.customer ? <Link to={`/customers/${encodeURIComponent(item.customer.code)}`}>{item.customer.name}</Link> : "—",
              },
              {
                key: "due",
                label: t("column.due"),
                children: (
                  <Flex gap={8} align="center" wrap>
                    <span>{item.dueAt ? dayjs(item.dueAt).format("YYYY-MM-DD HH:mm") : t("noDue")}</span>
                    {item.isOverdue ? <Tag color="red">{t("overdue")}</Tag> : null}
                    {item.escalatedAt ? <Tag color="magenta">{t("escalated")}</Tag> : null}
                  </Flex>
                ),
              },
              { key: "assignee", label: t("column.assignee"), children: item.assignee?.displayName ?? t("unassigned") },
            ]}
          />
        </Card>
        {/* What is being reviewed: the score, findings and the evidence behind them. */}
        {item.submission ? <SubmissionSummary submission={item.submission} /> : null}
        {item.submission ? <EvidenceCard attachments={item.submission.attachments} /> : null}
        {/* Steps for other roles or the system are not this reviewer's choices: hidden. */}
        <TransitionsPanel
          title={t("decision.decide")}
          instance={{ ...item, definition: item.version.definition }}
          hideRoleRefusals
          texts={{ comment: t("decision.comment"), conflict: t("decision.conflict"), refused: t("decision.refused"), none: t("decision.none") }}
          onChanged={() => refetch({ requestPolicy: "network-only" })}
        />
        <HistoryCard title={t("decision.history")} opened={t("decision.opened")} steps={item.history} />
        <Link to="/review">{t("decision.back")}</Link>
      </Flex>
    </>
  );
}
