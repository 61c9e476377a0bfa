import { useState, type KeyboardEvent, type ReactNode } from "react";
import { Button, Card, Empty, Flex, Input, Tag, Tooltip, Typography } from "antd";
import { CopyOutlined, DeleteOutlined, EditOutlined, HolderOutlined } from "@ant-design/icons";
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useDroppable, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslation } from "react-i18next";
import { allFields, fieldInfo, setLabel, type FieldNode, type FieldType } from "./model";
import { TYPE_ICONS } from "./Palette";
import { labelOf } from "./labels";
import { CANVAS_DROP, PALETTE_PREFIX, dropPoint, keyCommand, type Builder } from "./useBuilder";

type Language = "zh-CN" | "en";

/** The form as a list of cards: drag (or Alt+arrows) to reorder, click to select, edit the label in place. */
export function Canvas({ builder }: { builder: Builder }) {
  const { t } = useTranslation("builder");
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_DROP });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const tag = (event.target as HTMLElement).tagName;
    if (tag === "INPUT" || tag === "TEXTAREA") return;
    const command = keyCommand(event);
    if (!command) return;
    const id = builder.selected;
    const order = allFields(builder.doc).map((n) => n.id);
    const at = id ? order.indexOf(id) : -1;
    event.preventDefault();
    if (command === "undo") builder.undo();
    else if (command === "redo") builder.redo();
    else if (command === "previous") builder.select(order[Math.max(0, at - 1)] ?? null);
    else if (command === "next") builder.select(order[Math.min(order.length - 1, at + 1)] ?? null);
    else if (id && command === "delete") builder.remove(id);
    else if (id && command === "duplicate") builder.duplicate(id);
    else if (id && command === "moveUp") builder.shift(id, -1);
    else if (id && command === "moveDown") builder.shift(id, 1);
  }

  return (
    <div ref={setNodeRef} className={`builder-canvas${isOver ? " builder-canvas-over" : ""}`} role="toolbar" aria-orientation="vertical" aria-label={t("tabs.design")} tabIndex={0} onKeyDown={onKeyDown} data-testid="builder-canvas">
      {builder.doc.fields.length === 0 ? (
        <Empty description={t("canvas.empty")} />
      ) : (
        <FieldList nodes={builder.doc.fields} builder={builder} />
      )}
    </div>
  );
}

/** One drag and drop for the palette and the canvas: the sensors, and what a drop does. */
export function BuilderDnd({ builder, children }: { builder: Builder; children: ReactNode }) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    const activeId = String(active.id);
    if (activeId.startsWith(PALETTE_PREFIX)) {
      const at = dropPoint(builder.doc, String(over.id));
      if (at) builder.addAt(activeId.slice(PALETTE_PREFIX.length) as FieldType, at.parentId, at.index);
      return;
    }
    const target = fieldInfo(builder.doc, String(over.id));
    const source = fieldInfo(builder.doc, activeId);
    if (!target || !source) return;
    builder.move(source.node.id, target.parent?.id ?? null, target.index);
  }
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      {children}
    </DndContext>
  );
}

function FieldList({ nodes, builder }: { nodes: FieldNode[]; builder: Builder }) {
  return (
    <SortableContext items={nodes.map((n) => n.id)} strategy={verticalListSortingStrategy}>
      <Flex vertical gap={8}>
        {nodes.map((node) => (
          <FieldCard key={node.id} node={node} builder={builder} />
        ))}
      </Flex>
    </SortableContext>
  );
}

function FieldCard({ node, builder }: { node: FieldNode; builder: Builder }) {
  const { t, i18n } = useTranslation("builder");
  const language = i18n.language as Language;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: node.id });
  const [editing, setEditing] = useState(false);
  const info = fieldInfo(builder.doc, node.id);
  if (!info) return null;
  const selected = builder.selected === node.id;
  const label = labelOf(info.schema, language, node.key);
  const style = { transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 };
  const container = !!node.children;
  return (
    <div ref={setNodeRef} style={style} data-field-key={node.key} data-testid={`field-${info.keys.join(".")}`}>
      <Card
        size="small"
        className={`builder-field${selected ? " builder-field-selected" : ""}${container ? " builder-field-container" : ""}`}
        onClick={(e) => {
          e.stopPropagation();
          builder.select(node.id);
        }}
        data-selected={selected}
      >
        <Flex align="center" gap={8}>
          <button type="button" {...attributes} {...listeners} className="builder-drag" aria-label={t("canvas.drag")}>
            <HolderOutlined />
          </button>
          <span className="builder-field-icon">{TYPE_ICONS[info.type]}</span>
          {editing ? (
            <Input
              size="small"
              ref={(input) => input?.focus()}
              defaultValue={label}
              aria-label={t("canvas.editLabel")}
              onBlur={(e) => {
                builder.apply((d) => setLabel(d, node.id, language, e.target.value));
                setEditing(false);
              }}
              onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
            />
          ) : (
            <Typography.Text strong={container} className="builder-field-label" onDoubleClick={() => setEditing(true)}>
              {label}
            </Typography.Text>
          )}
          <Flex gap={4} className="builder-field-tags" wrap>
            <Tag>{t(`palette.${info.type}`)}</Tag>
            {info.required ? <Tag color="red">{t("canvas.required")}</Tag> : null}
            {info.conditional ? <Tag color="purple">{t("canvas.conditional")}</Tag> : null}
            {info.schema["x-sensitive"] === true ? <Tag className="tag-warn">{t("canvas.sensitive")}</Tag> : null}
          </Flex>
          {selected ? (
            <Flex gap={2}>
              <Tooltip title={t("canvas.editLabel")}>
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={t("canvas.editLabel")} onClick={() => setEditing(true)} />
              </Tooltip>
              <Tooltip title={t("canvas.duplicate")}>
                <Button size="small" type="text" icon={<CopyOutlined />} aria-label={t("canvas.duplicate")} onClick={() => builder.duplicate(node.id)} />
              </Tooltip>
              <Tooltip title={t("canvas.delete")}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("canvas.delete")} onClick={() => builder.remove(node.id)} />
              </Tooltip>
            </Flex>
          ) : null}
        </Flex>
        {node.children ? (
          <div className="builder-children">
            {node.children.length ? <FieldList nodes={node.children} builder={builder} /> : <Typography.Text type="secondary">{t("canvas.emptySection")}</Typography.Text>}
          </div>
        ) : null}
      </Card>
    </div>
  );
}
