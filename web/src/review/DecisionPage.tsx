import { Alert, App, Button, Card, Descriptions, Flex, Input, Tag, Timeline, Typography } from "antd";
import { useMutation, useQuery } from "urql";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useState } from "react";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { localized } from "../shell/localized";

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
        sequence
        fromState
        toState
        event
        actor
        comment
        occurredAt
      }
    }
  }
`);

const DecideDocument = graphql(`
  mutation ReviewDecide($input: FireTransitionInput!) {
    fireTransition(input: $input) {
      __typename
      ... on TransitionFired {
        instance {
          id
          state
          stateTitle
          lockVersion
        }
      }
      ... on UserError {
        code
        message
      }
    }
  }
`);

export default function DecisionPage() {
  const { t } = useTranslation("review");
  const { message } = App.useApp();
  const { id = "" } = useParams();
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<{ kind: "conflict" | "error"; text: string } | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: DecisionDocument, variables: { id }, requestPolicy: "network-only" });
  const [{ fetching: firing }, fire] = useMutation(DecideDocument);
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  if (fetching && !data) return null;
  const item = data?.workflowInstance;
  if (!item) return <ErrorPage kind="404" message={t("decision.notFound")} />;
  // Steps for other roles or the system (reason "role") are not this reviewer's choices; refusals
  // by a guard or state are, and show the workflow's reason.
  const transitions = item.availableTransitions.filter((transition) => transition.allowed || transition.reason !== "role");
  const title = localized((item.version.definition as { title?: unknown } | null)?.title, item.stateTitle);

  async function decide(event: string, name: string) {
    if (!item) return;
    setProblem(null);
    const result = await fire({
      input: { instanceId: item.id, event, comment: comment.trim() || null, expectedLockVersion: item.lockVersion },
    });
    const outcome = result.data?.fireTransition;
    if (outcome?.__typename === "TransitionFired") {
      void message.success(t("decision.fired", { name }));
      setComment("");
    } else if (outcome?.__typename === "Conflict") {
      // Someone else moved it: explain, show the fresh state, keep the typed comment.
      setProblem({ kind: "conflict", text: "" });
    } else if (outcome && "message" in outcome) {
      setProblem({ kind: "error", text: outcome.message });
    } else if (result.error) {
      setProblem({ kind: "error", text: result.error.message });
    }
    refetch({ requestPolicy: "network-only" });
  }

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
                  <>
                    {item.dueAt ? dayjs(item.dueAt).format("YYYY-MM-DD HH:mm") : t("noDue")}{" "}
                    {item.isOverdue ? <Tag color="red">{t("overdue")}</Tag> : null}
                    {item.escalatedAt ? <Tag color="magenta">{t("escalated")}</Tag> : null}
                  </>
                ),
              },
              { key: "assignee", label: t("column.assignee"), children: item.assignee?.displayName ?? t("unassigned") },
            ]}
          />
        </Card>
        <Card title={<h2 className="card-title">{t("decision.decide")}</h2>}>
          <Flex vertical gap={12}>
            {problem ? (
              <Alert
                role="alert"
                className="decision-problem"
                type={problem.kind === "conflict" ? "warning" : "error"}
                showIcon
                title={problem.kind === "conflict" ? t("decision.conflict") : problem.text}
              />
            ) : null}
            <Input.TextArea
              aria-label={t("decision.comment")}
              placeholder={t("decision.comment")}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
            />
            <Flex vertical gap={8}>
              {transitions.map((transition) => {
                const name = transition.title ?? transition.event;
                const reason = transition.guardMessage ?? transition.message ?? t("decision.refused");
                return (
                  <Flex key={`${transition.event}-${transition.toState}`} gap={12} align="center" wrap>
                    <Button
                      type={transition.allowed ? "primary" : "default"}
                      disabled={!transition.allowed}
                      loading={firing}
                      onClick={() => void decide(transition.event, name)}
                    >
                      {name}
                    </Button>
                    {transition.allowed ? null : (
                      <Typography.Text type="secondary" className="refusal">
                        {reason}
                      </Typography.Text>
                    )}
                  </Flex>
                );
              })}
              {transitions.length === 0 ? <Typography.Text type="secondary">{t("decision.none")}</Typography.Text> : null}
            </Flex>
          </Flex>
        </Card>
        <Card title={<h2 className="card-title">{t("decision.history")}</h2>}>
          <Timeline
            items={item.history.map((step) => ({
              key: step.sequence,
              content: (
                <>
                  <Typography.Text strong>{step.event}</Typography.Text> · {step.actor} · {dayjs(step.occurredAt).format("YYYY-MM-DD HH:mm")}
                  {step.comment ? <div>{step.comment}</div> : null}
                </>
              ),
            }))}
          />
        </Card>
        <Link to="/review">{t("decision.back")}</Link>
      </Flex>
    </>
  );
}
