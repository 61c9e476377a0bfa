import { memo, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button, Card, Empty, Flex, Input, Tag, Tooltip, Typography } from "antd";
import { CopyOutlined, DeleteOutlined, EditOutlined, HolderOutlined } from "@ant-design/icons";
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useDroppable, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslation } from "react-i18next";
import { allFields, fieldInfo, setLabel, type FieldType } from "./model";
import { TYPE_ICONS } from "./Palette";
import { cardViews, selectionWithin, type CardView } from "./cardViews";
import { CANVAS_DROP, PALETTE_PREFIX, dropPoint, keyCommand, type Builder, type BuilderCommands } from "./useBuilder";

type Language = "zh-CN" | "en";

/** The form as a list of cards: drag (or Alt+arrows) to reorder, click to select, edit the label in place. */
export function Canvas({ builder }: { builder: Builder }) {
  const { t, i18n } = useTranslation("builder");
  const language = i18n.language as Language;
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_DROP });
  // The cards of the last document, so that unchanged ones keep their identity (see cardViews):
  // React's pattern for information from previous renders (state set while rendering).
  const doc = builder.doc;
  const [shown, setShown] = useState(() => ({ doc, language, views: cardViews(doc, language) }));
  let views = shown.views;
  if (shown.doc !== doc || shown.language !== language) {
    views = cardViews(doc, language, shown.views);
    setShown({ doc, language, views });
  }

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
        <FieldList cards={views.cards} ids={views.ids} selected={builder.selected} commands={builder.commands} language={language} />
      )}
    </div>
  );
}

const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

/** One drag and drop for the palette and the canvas: the sensors, and what a drop does. */
export function BuilderDnd({ builder, children }: { builder: Builder; children: ReactNode }) {
  // Options as constants: new objects on each render made new sensors, hence a new dnd-kit
  // context, hence a re-render of every card (memoized or not) on every edit.
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
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

interface ListProps {
  cards: CardView[];
  ids: string[];
  /** The selection, when it lies in this list (else null: the cards need not look). */
  selected: string | null;
  commands: BuilderCommands;
  language: Language;
}

// Memoized with stable props (cards shared by cardViews, commands from useBuilder, a selection
// that is null outside its subtree): an edit re-renders only the cards it changed.
const FieldList = memo(function FieldList({ cards, ids, selected, commands, language }: ListProps) {
  return (
    <SortableContext items={ids} strategy={verticalListSortingStrategy}>
      <Flex vertical gap={8}>
        {cards.map((card) => (
          <FieldCard key={card.id} card={card} selected={selectionWithin(card, selected)} commands={commands} language={language} />
        ))}
      </Flex>
    </SortableContext>
  );
});

type Sortable = ReturnType<typeof useSortable>;

interface CardProps {
  card: CardView;
  selected: string | null;
  commands: BuilderCommands;
  language: Language;
}

/**
 * The sortable shell of a card: dnd-kit re-renders every item of a list whose items changed (an
 * insertion into a 60-field section), so the shell is thin and the body below is memoized.
 */
const FieldCard = memo(function FieldCard(props: CardProps) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: props.card.id });
  const style = { transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 };
  return (
    <div ref={setNodeRef} style={style} data-field-key={props.card.key} data-testid={`field-${props.card.path}`}>
      <CardBody {...props} handle={attributes} listeners={listeners} />
    </div>
  );
});

const CardBody = memo(function CardBody({ card, selected, commands, language, handle, listeners }: CardProps & { handle: Sortable["attributes"]; listeners: Sortable["listeners"] }) {
  const { t } = useTranslation("builder");
  const [editing, setEditing] = useState(false);
  const isSelected = selected === card.id;
  const label = card.label;
  const container = !!card.children;
  return (
      <Card
        size="small"
        className={`builder-field${isSelected ? " builder-field-selected" : ""}${container ? " builder-field-container" : ""}`}
        onClick={(e) => {
          e.stopPropagation();
          commands.select(card.id);
        }}
        data-selected={isSelected}
      >
        <Flex align="center" gap={8}>
          <button type="button" {...handle} {...listeners} className="builder-drag" aria-label={t("canvas.drag")}>
            <HolderOutlined />
          </button>
          <span className="builder-field-icon">{TYPE_ICONS[card.type]}</span>
          {editing ? (
            <Input
              size="small"
              ref={(input) => input?.focus()}
              defaultValue={label}
              aria-label={t("canvas.editLabel")}
              onBlur={(e) => {
                commands.apply((d) => setLabel(d, card.id, language, e.target.value));
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
            <Tag>{t(`palette.${card.type}`)}</Tag>
            {card.required ? <Tag color="red">{t("canvas.required")}</Tag> : null}
            {card.conditional ? <Tag color="purple">{t("canvas.conditional")}</Tag> : null}
            {card.sensitive ? <Tag className="tag-warn">{t("canvas.sensitive")}</Tag> : null}
          </Flex>
          {isSelected ? (
            <Flex gap={2}>
              <Tooltip title={t("canvas.editLabel")}>
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={t("canvas.editLabel")} onClick={() => setEditing(true)} />
              </Tooltip>
              <Tooltip title={t("canvas.duplicate")}>
                <Button size="small" type="text" icon={<CopyOutlined />} aria-label={t("canvas.duplicate")} onClick={() => commands.duplicate(card.id)} />
              </Tooltip>
              <Tooltip title={t("canvas.delete")}>
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("canvas.delete")} onClick={() => commands.remove(card.id)} />
              </Tooltip>
            </Flex>
          ) : null}
        </Flex>
        {card.children && card.childIds ? (
          <div className="builder-children">
            {card.childIds.length ? <FieldList cards={card.children} ids={card.childIds} selected={selected} commands={commands} language={language} /> : <Typography.Text type="secondary">{t("canvas.emptySection")}</Typography.Text>}
          </div>
        ) : null}
      </Card>
  );
});
