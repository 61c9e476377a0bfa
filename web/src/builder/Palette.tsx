import { Button, Card, Flex } from "antd";
import {
  AppstoreOutlined, CalendarOutlined, CameraOutlined, CheckSquareOutlined, ClockCircleOutlined, DollarOutlined,
  EditOutlined, FileOutlined, FontSizeOutlined, LikeOutlined, LinkOutlined, NumberOutlined, OrderedListOutlined,
  HighlightOutlined, StarOutlined, TableOutlined, TeamOutlined, UnorderedListOutlined, AlignLeftOutlined, DashboardOutlined,
} from "@ant-design/icons";
import { memo, type PointerEventHandler, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useDraggable } from "@dnd-kit/core";
import { PALETTE_PREFIX } from "./useBuilder";
import { FIELD_TYPES, type FieldType } from "./model";

export const TYPE_ICONS: Record<FieldType, ReactNode> = {
  shortText: <FontSizeOutlined />,
  longText: <AlignLeftOutlined />,
  number: <NumberOutlined />,
  amount: <DollarOutlined />,
  date: <CalendarOutlined />,
  time: <ClockCircleOutlined />,
  singleChoice: <UnorderedListOutlined />,
  multipleChoice: <OrderedListOutlined />,
  checklistItem: <CheckSquareOutlined />,
  rating: <StarOutlined />,
  nps: <DashboardOutlined />,
  yesNo: <LikeOutlined />,
  photo: <CameraOutlined />,
  file: <FileOutlined />,
  signature: <HighlightOutlined />,
  customerRef: <TeamOutlined />,
  recordRef: <LinkOutlined />,
  section: <AppstoreOutlined />,
  group: <TableOutlined />,
};

/**
 * One field type: drag it onto the canvas (pointer), or click / Enter to add it after the
 * selection (the keyboard way; the canvas's Alt+arrows then move it).
 */
function PaletteItem({ type, onAdd }: { type: FieldType; onAdd: (type: FieldType) => void }) {
  const { t } = useTranslation("builder");
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `${PALETTE_PREFIX}${type}` });
  return (
    <Button
      ref={setNodeRef}
      block
      icon={TYPE_ICONS[type] ?? <EditOutlined />}
      onClick={() => onAdd(type)}
      onPointerDown={listeners?.onPointerDown as PointerEventHandler<HTMLElement> | undefined}
      aria-label={t("palette.add", { type: t(`palette.${type}`) })}
      className={`builder-palette-item${isDragging ? " builder-palette-dragging" : ""}`}
      title={t(`palette.${type}`)}
      data-testid={`palette-${type}`}
    >
      {t(`palette.${type}`)}
    </Button>
  );
}

/** The field types; a click adds one after the selection (or into the selected section), a drag drops it where it lands. */
// Memoized: its one prop is a stable command, and the builder re-renders on every edit.
export const Palette = memo(function Palette({ onAdd }: { onAdd: (type: FieldType) => void }) {
  const { t } = useTranslation("builder");
  return (
    <Card size="small" title={t("palette.title")} className="builder-palette">
      <Flex vertical gap={4}>
        {FIELD_TYPES.map((type) => (
          <PaletteItem key={type} type={type} onAdd={onAdd} />
        ))}
      </Flex>
    </Card>
  );
});
