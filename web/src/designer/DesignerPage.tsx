import { Spin } from "antd";
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { localized } from "../shell/localized";
import { DefinitionDocument } from "./api";
import { emptyDefinition } from "./model/model";
import type { WorkflowDefinition } from "./model/types";
import { Editor } from "./Editor";
import "./designer.css";

/** A template copied into a new workflow: a fresh key, its titles marked as a copy. */
export function copyOf(template: WorkflowDefinition, key: string): WorkflowDefinition {
  const title = { "zh-CN": `${template.title["zh-CN"]}（副本）`, en: `${template.title.en} (copy)` };
  const rest = Object.fromEntries(Object.entries(template).filter(([k]) => k !== "startsFor"));
  return { ...(rest as WorkflowDefinition), key, title };
}

/** /designer/:key edits a workflow's draft; /designer/new (?from=<key>) starts one. */
export default function DesignerPage() {
  const { t } = useTranslation("designer");
  const { key = "new" } = useParams();
  const [search] = useSearchParams();
  const isNew = key === "new";
  const from = search.get("from");
  const [stamp] = useState(() => Date.now().toString(36).slice(-4));
  const [{ data, error, fetching }] = useQuery({ query: DefinitionDocument, variables: { key: isNew ? (from ?? "") : key }, pause: isNew && !from, requestPolicy: "network-only" });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  if (fetching || (!data && !(isNew && !from))) return <Spin />;
  const found = data?.workflowDefinition;
  if (!isNew && !found) return <ErrorPage kind="404" />;
  const initial = isNew
    ? found
      ? copyOf(found.draft as WorkflowDefinition, `${found.key}-${stamp}`)
      : emptyDefinition(`new-workflow-${stamp}`, { "zh-CN": "新流程", en: "New workflow" })
    : (found!.draft as WorkflowDefinition);
  const title = isNew ? t("editor.newTitle") : localized(initial.title, initial.key);
  return (
    <>
      <PageHeader title={title} crumbs={[{ title: t("list.title"), to: "/designer" }]} subtitle={isNew ? t("editor.newSubtitle") : initial.key} />
      <Editor
        key={isNew ? `new:${from ?? ""}` : key}
        initial={initial}
        workflowId={isNew ? null : found!.id}
        revision={isNew ? null : found!.draftRevision}
        published={isNew ? null : ((found!.latestVersion?.definition as WorkflowDefinition | undefined) ?? null)}
      />
    </>
  );
}
