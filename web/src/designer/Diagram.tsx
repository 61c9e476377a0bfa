import {
  applyNodeChanges,
  Background,
  BaseEdge,
  Controls,
  getBezierPath,
  Handle,
  MiniMap,
  Panel,
  Position,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeChange,
  type NodeProps,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import "@xyflow/react/dist/style.css";
import { Select, Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { StateNodeData, StepEdgeData } from "./diagramModel";
import { PALETTE_MIME } from "./model/palette";
import { inView, MIN_READABLE_ZOOM, NODE_HEIGHT, NODE_WIDTH, neighbour, routePath, selfLoop, startViewport, type Arrow, type Point, type Size } from "./model/layout";
import { findStates } from "./model/search";
import type { WorkflowDefinition } from "./model/types";

function StateNode({ data, selected }: NodeProps<Node<StateNodeData>>) {
  const { t } = useTranslation("designer");
  const classes = ["designer-node", selected ? "is-selected" : "", data.severity ? `has-${data.severity}` : "", data.final ? "is-final" : ""];
  const vertical = data.direction === "TB";
  const body = (
    <div className={classes.join(" ")} data-state={data.name}>
      <Handle type="target" position={vertical ? Position.Top : Position.Left} />
      <div className="designer-node-title" title={data.title}>{data.title}</div>
      <div className="designer-node-tags">
        {data.initial && <Tag className="tag-info">{t("diagram.initial")}</Tag>}
        {data.final && <Tag className="tag-good">{t("diagram.final")}</Tag>}
        {data.sla && <Tag className="tag-warn">SLA {data.sla}</Tag>}
        {data.severity && <Tag className={data.severity === "error" ? "tag-bad" : "tag-warn"}>{t(`diagram.${data.severity}`, { count: data.problems.length })}</Tag>}
      </div>
      <Handle type="source" position={vertical ? Position.Bottom : Position.Right} />
    </div>
  );
  return data.problems.length ? <Tooltip title={data.problems.join(" · ")}>{body}</Tooltip> : body;
}

/** A step: dagre's route with its label where dagre kept room for it, else a curve between handles. */
function StepEdge({ data, label, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style }: EdgeProps<Edge<StepEdgeData>>) {
  const route = data?.route;
  let path: string;
  let at: Point;
  if (data?.loop !== undefined) {
    ({ path, label: at } = selfLoop({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, !!data.vertical, data.loop, typeof label === "string" ? label : ""));
  } else if (route) {
    path = routePath(route.points);
    at = route.label;
  } else {
    const [bezier, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
    path = bezier;
    at = { x: labelX, y: labelY };
  }
  return (
    <BaseEdge
      path={path}
      markerEnd={markerEnd}
      style={style}
      label={label}
      labelX={at.x}
      labelY={at.y}
      labelStyle={{ fontSize: 12 }}
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      labelBgStyle={{ fill: "#fff", fillOpacity: 0.95 }}
      interactionWidth={16}
    />
  );
}

const nodeTypes = { state: StateNode };
const edgeTypes = { step: StepEdge };

export interface DiagramProps {
  nodes: Node<StateNodeData>[];
  edges: Edge<StepEdgeData>[];
  /** For the state search (titles in both languages, names). */
  definition?: WorkflowDefinition;
  /** The view opens (again) on the start view whenever this changes; null waits. */
  startKey?: string | null;
  onResize?: (view: Size) => void;
  onSelectState?: (name: string) => void;
  onSelectTransition?: (index: number) => void;
  onClear?: () => void;
  onConnect?: (from: string, to: string) => void;
  onMoved?: (name: string, at: { x: number; y: number }) => void;
  /** A palette item dropped on the diagram, at that point of the diagram. */
  onDropItem?: (item: string, at: { x: number; y: number }) => void;
  /** An old version: look, pan and zoom; nothing moves or connects. */
  readOnly?: boolean;
  label?: string;
}

function miniMapColor(node: Node): string {
  const data = node.data as StateNodeData;
  if (data.severity === "error") return "#cf1322";
  if (data.severity === "warning") return "#d48806";
  if (data.initial) return "#1677ff";
  return data.final ? "#389e0d" : "#8c8c8c";
}

function positionsOf(nodes: Node<StateNodeData>[]): Record<string, Point> {
  return Object.fromEntries(nodes.map((n) => [n.id, n.position]));
}

/** Centre a state when it is not wholly in view, at a readable zoom at least. */
function reveal(flow: ReactFlowInstance<Node<StateNodeData>, Edge<StepEdgeData>>, element: HTMLElement | null, nodes: Node<StateNodeData>[], name: string) {
  const point = nodes.find((n) => n.id === name)?.position;
  if (!point || !element) return;
  const viewport = flow.getViewport();
  if (inView(point, viewport, { width: element.clientWidth, height: element.clientHeight })) return;
  void flow.setCenter(point.x + NODE_WIDTH / 2, point.y + NODE_HEIGHT / 2, { zoom: Math.max(viewport.zoom, MIN_READABLE_ZOOM), duration: 200 });
}

const ARROWS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"]);

/**
 * The workflow as a diagram (React Flow): drag to place, connect handles to add a step. Opens
 * readable (see startViewport); a search and the arrow keys move between states.
 */
export default function Diagram({ nodes, edges, definition, startKey = "", onResize, onSelectState, onSelectTransition, onClear, onConnect, onMoved, onDropItem, readOnly = false, label }: DiagramProps) {
  const { t } = useTranslation("designer");
  const box = useRef<HTMLElement>(null);
  const [flow, setFlow] = useState<ReactFlowInstance<Node<StateNodeData>, Edge<StepEdgeData>> | null>(null);
  const [query, setQuery] = useState("");
  // Dragging moves the local copy; the definition learns the position when the drag stops.
  const [local, setLocal] = useState(nodes);
  const [source, setSource] = useState(nodes);
  if (source !== nodes) {
    setSource(nodes);
    setLocal(nodes);
  }

  useLayoutEffect(() => {
    const element = box.current;
    if (!element || !onResize) return;
    const report = () => onResize({ width: element.clientWidth, height: element.clientHeight });
    report();
    const observer = new ResizeObserver(report);
    observer.observe(element);
    return () => observer.disconnect();
  }, [onResize]);

  // The start view, once per startKey (see startKey): computed, not React Flow's fit, so that
  // it never goes below a readable zoom.
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (!flow || startKey === null || started.current === startKey || !box.current) return;
    const view = { width: box.current.clientWidth, height: box.current.clientHeight };
    if (!view.width || !view.height) return;
    const initial = nodes.find((n) => n.data.initial)?.id ?? null;
    const { x, y, zoom } = startViewport(positionsOf(nodes), view, initial, nodes[0]?.data.direction ?? "LR");
    void flow.setViewport({ x, y, zoom });
    started.current = startKey;
  }, [flow, startKey, nodes]);

  // A state selected elsewhere (the problems list, a step's buttons, the search) is brought into view.
  const selectedState = nodes.find((n) => n.selected)?.id ?? null;
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!flow || started.current === null || selectedState === revealed.current) return;
    revealed.current = selectedState;
    if (selectedState) reveal(flow, box.current, nodes, selectedState);
  }, [flow, selectedState, nodes]);

  const focusState = (name: string) => {
    const element = box.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(name)}"]`);
    element?.focus({ preventScroll: true });
  };
  const go = (name: string) => {
    onSelectState?.(name);
    if (flow) reveal(flow, box.current, nodes, name);
    focusState(name);
  };
  const onKeyDownCapture = (event: KeyboardEvent<HTMLElement>) => {
    const node = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
    const name = node?.dataset.id;
    if (!name) return;
    if (ARROWS.has(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      const next = neighbour(positionsOf(nodes), name, event.key as Arrow);
      if (next) go(next);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelectState?.(name);
    }
  };

  const matches = definition ? findStates(definition, query) : [];
  return (
    <section
      ref={box}
      className={readOnly ? "designer-diagram is-readonly" : "designer-diagram"}
      aria-label={label ?? t("diagram.label")}
      onKeyDownCapture={onKeyDownCapture}
    >
      <ReactFlow
        onDragOver={(event) => {
          if (!onDropItem || !event.dataTransfer.types.includes(PALETTE_MIME)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDrop={(event) => {
          const item = event.dataTransfer.getData(PALETTE_MIME);
          if (!onDropItem || !item || !flow) return;
          event.preventDefault();
          onDropItem(item, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
        }}
        nodes={local}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={setFlow}
        minZoom={0.2}
        maxZoom={1.5}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => onSelectState?.(node.id)}
        onEdgeClick={(_, edge) => edge.data && onSelectTransition?.(edge.data.index)}
        onPaneClick={() => onClear?.()}
        onConnect={(connection: Connection) => connection.source && connection.target && onConnect?.(connection.source, connection.target)}
        onNodeDragStop={(_, node) => onMoved?.(node.id, node.position)}
        onNodesChange={(changes: NodeChange<Node<StateNodeData>>[]) => setLocal((current) => applyNodeChanges(changes, current))}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        nodesFocusable
      >
        <Background gap={16} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.05 }} />
        <MiniMap pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={2} ariaLabel={t("diagram.minimap")} className="designer-minimap" style={{ width: 160, height: 110 }} />
        {definition && (
          <Panel position="top-left" className="designer-find">
            <Select
              showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
              value={null}
              aria-label={t("diagram.find")}
              placeholder={t("diagram.find")}
              style={{ width: 220 }}
              options={matches.map((m) => ({ value: m.name, label: `${nodes.find((n) => n.id === m.name)?.data.title ?? m.name} (${m.name})` }))}
              notFoundContent={t("diagram.notFound")}
              onChange={(name: string | null) => {
                setQuery("");
                if (name) go(name);
              }}
            />
          </Panel>
        )}
      </ReactFlow>
    </section>
  );
}
