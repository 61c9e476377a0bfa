import { applyNodeChanges, Background, Controls, Handle, MiniMap, Position, ReactFlow, type Connection, type Edge, type Node, type NodeChange, type NodeProps, type ReactFlowInstance } from "@xyflow/react";
import { useState } from "react";
import "@xyflow/react/dist/style.css";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { StateNodeData } from "./diagramModel";
import { PALETTE_MIME } from "./model/palette";

function StateNode({ data, selected }: NodeProps<Node<StateNodeData>>) {
  const { t } = useTranslation("designer");
  const classes = ["designer-node", selected ? "is-selected" : "", data.severity ? `has-${data.severity}` : "", data.final ? "is-final" : ""];
  const body = (
    <div className={classes.join(" ")} data-state={data.name}>
      <Handle type="target" position={Position.Left} />
      <div className="designer-node-title">{data.title}</div>
      <div className="designer-node-tags">
        {data.initial && <Tag className="tag-info">{t("diagram.initial")}</Tag>}
        {data.final && <Tag className="tag-good">{t("diagram.final")}</Tag>}
        {data.sla && <Tag className="tag-warn">SLA {data.sla}</Tag>}
        {data.severity && <Tag className={data.severity === "error" ? "tag-bad" : "tag-warn"}>{t(`diagram.${data.severity}`, { count: data.problems.length })}</Tag>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
  return data.problems.length ? <Tooltip title={data.problems.join(" · ")}>{body}</Tooltip> : body;
}

const nodeTypes = { state: StateNode };
// Fit the whole workflow, but never below a zoom where state titles stay readable: a long
// workflow (the built-in inspection has ten states in a row) is then panned, the minimap
// showing where the view is.
const FIT = { padding: 0.08, minZoom: 0.6, maxZoom: 1 };

export interface DiagramProps {
  nodes: Node<StateNodeData>[];
  edges: Edge[];
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

/** The workflow as a diagram (React Flow): drag to place, connect handles to add a step. */
export default function Diagram({ nodes, edges, onSelectState, onSelectTransition, onClear, onConnect, onMoved, onDropItem, readOnly = false, label }: DiagramProps) {
  const { t } = useTranslation("designer");
  const [flow, setFlow] = useState<ReactFlowInstance<Node<StateNodeData>, Edge> | null>(null);
  // Dragging moves the local copy; the definition learns the position when the drag stops.
  const [local, setLocal] = useState(nodes);
  const [source, setSource] = useState(nodes);
  if (source !== nodes) {
    setSource(nodes);
    setLocal(nodes);
  }
  return (
    <section
      className={readOnly ? "designer-diagram is-readonly" : "designer-diagram"}
      aria-label={label ?? t("diagram.label")}
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
        onInit={setFlow}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={1.5}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => onSelectState?.(node.id)}
        onEdgeClick={(_, edge) => onSelectTransition?.((edge.data as { index: number }).index)}
        onPaneClick={() => onClear?.()}
        onConnect={(connection: Connection) => connection.source && connection.target && onConnect?.(connection.source, connection.target)}
        onNodeDragStop={(_, node) => onMoved?.(node.id, node.position)}
        onNodesChange={(changes: NodeChange<Node<StateNodeData>>[]) => setLocal((current) => applyNodeChanges(changes, current))}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={2} ariaLabel={t("diagram.minimap")} className="designer-minimap" />
      </ReactFlow>
    </section>
  );
}
