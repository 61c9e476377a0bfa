import { App, Button, Drawer, Flex, Tooltip, Upload } from "antd";
import { ApartmentOutlined, CloudUploadOutlined, DownloadOutlined, ExperimentOutlined, HistoryOutlined, PlusOutlined, RedoOutlined, SaveOutlined, UndoOutlined, UploadOutlined } from "@ant-design/icons";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { localized } from "../shell/localized";
import { FormKeysDocument, FormSchemaDocument, LintDocument, PublishDocument, SaveDraftDocument } from "./api";
import { generalProblems, stepLabel, textIn, toFlow, type Problem, type Selection } from "./diagramModel";
import { addState, addTransition, freshEvent, freshName, parseDefinition, removeState, removeTransition, sameDefinition, serializeDefinition, setInitial, setLayout, updateState, updateTransition } from "./model/model";
import { formFields } from "./model/guards";
import { layoutDiagram, positions, startKey, type Size } from "./model/layout";
import type { WorkflowDefinition } from "./model/types";
import { download } from "./download";
import { useDebounced, useDraft } from "./useDraft";
import { StatePanel } from "./StatePanel";
import { TransitionPanel } from "./TransitionPanel";
import { WorkflowPanel } from "./WorkflowPanel";
import { ProblemsPanel } from "./ProblemsPanel";
import { PublishDialog } from "./PublishDialog";
import { SimulatePanel } from "./SimulatePanel";
import { Palette } from "./Palette";
import { VersionsDrawer } from "./VersionsDrawer";
import { addFromPalette, PALETTE, type PaletteKind } from "./model/palette";
import { copyIntoDraft } from "./model/versions";

const Diagram = lazy(() => import("./Diagram"));

export interface EditorProps {
  initial: WorkflowDefinition;
  workflowId: string | null;
  revision: number | null;
  published: WorkflowDefinition | null;
}

/** The designer: diagram, property panel, problems; save, publish, simulate, import, export. */
export function Editor({ initial, workflowId, revision, published }: EditorProps) {
  const { t, i18n } = useTranslation("designer");
  const { message } = App.useApp();
  const navigate = useNavigate();
  const draft = useDraft(initial);
  const { definition, edit } = draft;
  const [saved, setSaved] = useState<{ definition: WorkflowDefinition; revision: number | null; id: string | null }>({ definition: initial, revision, id: workflowId });
  const [selected, setSelected] = useState<Selection>(null);
  const [publishing, setPublishing] = useState(false);
  const [simulating, setSimulating] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const settled = useDebounced(definition, 400);
  const [lint] = useQuery({ query: LintDocument, variables: { definition: settled }, requestPolicy: "network-only" });
  const [forms] = useQuery({ query: FormKeysDocument });
  const formKey = definition.startsFor?.formKeys?.[0] ?? "";
  const [form] = useQuery({ query: FormSchemaDocument, variables: { key: formKey }, pause: !formKey });
  const [, save] = useMutation(SaveDraftDocument);
  const [, publish] = useMutation(PublishDocument);
  const problems: Problem[] = lint.data?.lintWorkflowDefinition ?? serverProblems;
  const errors = problems.filter((p) => p.severity === "error").length;
  const dirty = !sameDefinition(definition, saved.definition);
  const fields = useMemo(() => formFields((form.data?.form?.draft as { schema?: unknown } | undefined)?.schema), [form.data]);
  const formOptions = (forms.data?.forms.nodes ?? []).map((f) => ({ key: f.key, title: f.title }));
  // The diagram's size decides the layout's direction; until it is measured, nothing is laid out.
  const [view, setView] = useState<Size | null>(null);
  const onResize = useCallback((next: Size) => setView((current) => (current && current.width === next.width && current.height === next.height ? current : next)), []);
  const language = i18n.language;
  const marks = useMemo(() => ({ fourEyes: t("diagram.fourEyes"), timeout: t("diagram.timeout") }), [t]);
  const label = useCallback((d: WorkflowDefinition) => (index: number) => stepLabel(d, index, textIn(language), marks), [language, marks]);
  const layout = useMemo(() => layoutDiagram(definition, { view, label: label(definition) }), [definition, view, label]);
  const at = (d: WorkflowDefinition, auto = false) => positions(d, { view, label: label(d), auto });
  const flow = useMemo(() => toFlow(definition, layout, problems, selected, localized, { hours: t("sla.hoursShort"), days: t("sla.daysShort") }, marks), [definition, layout, problems, selected, t, marks]);

  const onSave = async (): Promise<string | null> => {
    const result = await save({ input: { definition, expectedDraftRevision: saved.revision } });
    const outcome = result.data?.saveWorkflowDraft;
    if (outcome?.__typename === "WorkflowDraftSaved") {
      setSaved({ definition, revision: outcome.workflow.draftRevision, id: outcome.workflow.id });
      message.success(t("toolbar.saved"));
      if (!saved.id) void navigate(`/designer/${outcome.workflow.key}`, { replace: true });
      return outcome.workflow.id;
    }
    if (outcome?.__typename === "ValidationFailed") {
      setServerProblems(outcome.errors.map((e) => ({ severity: "error", element: null, error: e })));
      message.error(t("toolbar.invalid", { count: outcome.errors.length }));
    } else message.error(outcome && "message" in outcome ? outcome.message : t("toolbar.failed"));
    return null;
  };
  const onPublish = async () => {
    const id = dirty || !saved.id ? await onSave() : saved.id;
    if (!id) return;
    const result = await publish({ input: { workflowId: id } });
    const outcome = result.data?.publishWorkflow;
    setPublishing(false);
    if (outcome?.__typename === "WorkflowPublished") message.success(t(outcome.created ? "publish.done" : "publish.unchanged", { number: outcome.version.number }));
    else message.error(outcome && "message" in outcome ? String(outcome.message) : t("toolbar.failed"));
  };
  const onAddState = () => {
    const name = freshName(Object.keys(definition.states));
    edit((d) => addState(d, name, { title: { "zh-CN": `新状态 ${name.slice(6)}`, en: `New state ${name.slice(6)}` } }));
    setSelected({ kind: "state", name });
  };
  const onPalette = (kind: PaletteKind, point?: { x: number; y: number }) => {
    const added = addFromPalette(definition, kind, point);
    edit(() => added.definition);
    setSelected({ kind: "state", name: added.name });
  };
  const onConnect = (from: string, to: string) => {
    edit((d) => addTransition(d, { event: freshEvent(d, to), from: [from], to, roles: ["auditor"] }));
    setSelected({ kind: "transition", index: definition.transitions.length });
  };
  const onImport = async (file: File) => {
    try {
      const imported = parseDefinition(await file.text());
      draft.edit(() => imported);
      message.success(t("toolbar.imported"));
    } catch {
      message.error(t("toolbar.importFailed"));
    }
    return false;
  };

  return (
    <div className="designer">
      <Flex className="designer-toolbar" gap={8} wrap>
        <Button icon={<PlusOutlined />} onClick={onAddState}>{t("toolbar.addState")}</Button>
        <Button icon={<ApartmentOutlined />} onClick={() => edit((d) => setLayout(d, at(d, true)))}>{t("toolbar.autoLayout")}</Button>
        <Tooltip title={t("toolbar.undo")}><Button icon={<UndoOutlined />} aria-label={t("toolbar.undo")} disabled={!draft.canUndo} onClick={draft.undo} /></Tooltip>
        <Tooltip title={t("toolbar.redo")}><Button icon={<RedoOutlined />} aria-label={t("toolbar.redo")} disabled={!draft.canRedo} onClick={draft.redo} /></Tooltip>
        <Button icon={<SaveOutlined />} disabled={!dirty && !!saved.id} onClick={() => void onSave()}>{t(dirty ? "toolbar.save" : "toolbar.savedState")}</Button>
        <Button icon={<ExperimentOutlined />} onClick={() => setSimulating(true)}>{t("toolbar.simulate")}</Button>
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setPublishing(true)}>{t("toolbar.publish")}</Button>
        {saved.id && <Button icon={<HistoryOutlined />} onClick={() => setShowVersions(true)}>{t("toolbar.versions")}</Button>}
        <Button icon={<DownloadOutlined />} onClick={() => download(`${definition.key}.json`, serializeDefinition(definition))}>{t("toolbar.export")}</Button>
        <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(file) => onImport(file)}>
          <Button icon={<UploadOutlined />}>{t("toolbar.import")}</Button>
        </Upload>
      </Flex>
      <Palette onAdd={(kind) => onPalette(kind)} />
      <div className="designer-body">
        <Suspense fallback={<div className="designer-diagram" />}>
          <Diagram
            nodes={flow.nodes}
            edges={flow.edges}
            definition={definition}
            startKey={startKey(layout.direction, view, language)}
            onResize={onResize}
            onSelectState={(name) => setSelected({ kind: "state", name })}
            onSelectTransition={(index) => setSelected({ kind: "transition", index })}
            onClear={() => setSelected(null)}
            onConnect={onConnect}
            onMoved={(name, point) => edit((d) => setLayout(d, { ...at(d), [name]: point }))}
            onDropItem={(item, point) => PALETTE.includes(item as PaletteKind) && onPalette(item as PaletteKind, point)}
          />
        </Suspense>
        <aside className="designer-side">
          {selected?.kind === "state" && definition.states[selected.name] ? (
            <StatePanel
              definition={definition}
              name={selected.name}
              fields={fields}
              onChange={(patch) => edit((d) => updateState(d, selected.name, patch))}
              onInitial={() => edit((d) => setInitial(d, selected.name))}
              onAddStep={() => {
                const to = Object.keys(definition.states).find((n) => n !== selected.name) ?? selected.name;
                onConnect(selected.name, to);
              }}
              onSelectStep={(index) => setSelected({ kind: "transition", index })}
              onRemove={() => {
                edit((d) => removeState(d, selected.name));
                setSelected(null);
              }}
            />
          ) : selected?.kind === "transition" && definition.transitions[selected.index] ? (
            <TransitionPanel
              definition={definition}
              index={selected.index}
              fields={fields}
              forms={formOptions}
              onChange={(patch) => edit((d) => updateTransition(d, selected.index, patch))}
              onRemove={() => {
                edit((d) => removeTransition(d, selected.index));
                setSelected(null);
              }}
            />
          ) : (
            <WorkflowPanel definition={definition} isNew={!saved.id} forms={formOptions} onChange={(patch) => edit((d) => ({ ...d, ...patch }))} />
          )}
        </aside>
      </div>
      <ProblemsPanel problems={[...generalProblems(problems), ...problems.filter((p) => p.element)]} onSelect={setSelected} />
      <PublishDialog open={publishing} published={published} draft={definition} publishing={false} blocked={errors > 0} onPublish={() => void onPublish()} onCancel={() => setPublishing(false)} />
      {saved.id && (
        <VersionsDrawer
          workflowKey={definition.key}
          open={showVersions}
          onClose={() => setShowVersions(false)}
          onCopy={(version, number) => {
            edit((d) => copyIntoDraft(d, version));
            setSelected(null);
            setShowVersions(false);
            message.success(t("versions.copied", { number }));
          }}
        />
      )}
      <Drawer open={simulating} onClose={() => setSimulating(false)} title={t("simulate.title")} size={560}>
        <SimulatePanel definition={definition} fields={fields} />
      </Drawer>
    </div>
  );
}
