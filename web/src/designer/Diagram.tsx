import { applyNodeChanges, Background, Controls, Handle, Position, ReactFlow, type Connection, type Edge, type Node, type NodeChange, type NodeProps } from "@xyflow/react";
import { useState } from "react";
import "@xyflow/react/dist/style.css";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import type { StateNodeData } from "./diagramModel";

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

export interface DiagramProps {
  nodes: Node<StateNodeData>[];
  edges: Edge[];
  onSelectState: (name: string) => void;
  onSelectTransition: (index: number) => void;
  onClear: () => void;
  onConnect: (from: string, to: string) => void;
  onMoved: (name: string, at: { x: number; y: number }) => void;
}

/** The workflow as a diagram (React Flow): drag to place, connect handles to add a step. */
export default function Diagram({ nodes, edges, onSelectState, onSelectTransition, onClear, onConnect, onMoved }: DiagramProps) {
  const { t } = useTranslation("designer");
  // Dragging moves the local copy; the definition learns the position when the drag stops.
  const [local, setLocal] = useState(nodes);
  const [source, setSource] = useState(nodes);
  if (source !== nodes) {
    setSource(nodes);
    setLocal(nodes);
  }
  return (
    <section className="designer-diagram" aria-label={t("diagram.label")}>
      <ReactFlow
        nodes={local}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.3}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, node) => onSelectState(node.id)}
        onEdgeClick={(_, edge) => onSelectTransition((edge.data as { index: number }).index)}
        onPaneClick={onClear}
        onConnect={(connection: Connection) => connection.source && connection.target && onConnect(connection.source, connection.target)}
        onNodeDragStop={(_, node) => onMoved(node.id, node.position)}
        onNodesChange={(changes: NodeChange<Node<StateNodeData>>[]) => setLocal((current) => applyNodeChanges(changes, current))}
        nodesDraggable
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}
