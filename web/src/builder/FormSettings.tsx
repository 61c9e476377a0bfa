import { Card, Form, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { passMark, withPassMark } from "./model";
import type { Builder } from "./useBuilder";

/** Settings of the whole form: the pass mark of a scored form. */
export function FormSettings({ builder }: { builder: Builder }) {
  const { t } = useTranslation("builder");
  const mark = passMark(builder.doc.definition);
  return (
    <Card size="small" title={t("settings.title")} data-testid="builder-settings">
      <Form layout="vertical" size="small">
        <Form.Item label={t("settings.passMark")} extra={t("settings.passMarkHelp")} className="builder-settings-item">
          <InputNumber
            key={`pass-${mark ?? ""}`}
            min={0}
            max={100}
            suffix="%"
            defaultValue={mark ?? undefined}
            aria-label={t("settings.passMark")}
            data-testid="settings-pass-mark"
            onBlur={(e) => {
              const text = e.target.value.replace("%", "").trim();
              const value = text === "" ? null : Number(text);
              if (value !== null && Number.isNaN(value)) return;
              if (value !== mark) builder.apply((d) => ({ ...d, definition: withPassMark(d.definition, value) }));
            }}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
