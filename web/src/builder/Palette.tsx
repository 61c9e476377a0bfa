import { Button, Card, Flex } from "antd";
import {
  AppstoreOutlined, CalendarOutlined, CameraOutlined, CheckSquareOutlined, ClockCircleOutlined, DollarOutlined,
  EditOutlined, FileOutlined, FontSizeOutlined, LikeOutlined, LinkOutlined, NumberOutlined, OrderedListOutlined,
  HighlightOutlined, StarOutlined, TableOutlined, TeamOutlined, UnorderedListOutlined, AlignLeftOutlined, DashboardOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
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

/** The field types; a click adds one after the selection (or into the selected section). */
export function Palette({ onAdd }: { onAdd: (type: FieldType) => void }) {
  const { t } = useTranslation("builder");
  return (
    <Card size="small" title={t("palette.title")} className="builder-palette">
      <Flex vertical gap={4}>
        {FIELD_TYPES.map((type) => (
          <Button key={type} block icon={TYPE_ICONS[type] ?? <EditOutlined />} onClick={() => onAdd(type)} aria-label={t("palette.add", { type: t(`palette.${type}`) })} className="builder-palette-item" title={t(`palette.${type}`)}>
            {t(`palette.${type}`)}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}
