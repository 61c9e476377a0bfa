import { Button, Flex, Typography } from "antd";
import { BorderOutlined, CheckCircleOutlined, AuditOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PALETTE, PALETTE_MIME, type PaletteKind } from "./model/palette";

const ICONS: Record<PaletteKind, ReactNode> = { state: <BorderOutlined />, review: <AuditOutlined />, final: <CheckCircleOutlined /> };

/** The kinds of state to add: click to add one, or drag it to a point of the diagram. */
export function Palette({ onAdd }: { onAdd: (kind: PaletteKind) => void }) {
  const { t } = useTranslation("designer");
  return (
    <Flex className="designer-palette" gap={6} align="center" wrap role="toolbar" aria-label={t("palette.label")}>
      <Typography.Text type="secondary" className="designer-palette-hint">{t("palette.hint")}</Typography.Text>
      {PALETTE.map((kind) => (
        <Button
          key={kind}
          icon={ICONS[kind]}
          draggable
          className={`designer-palette-item is-${kind}`}
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_MIME, kind);
            event.dataTransfer.effectAllowed = "copy";
          }}
          onClick={() => onAdd(kind)}
        >
          {t(`palette.${kind}`)}
        </Button>
      ))}
    </Flex>
  );
}
