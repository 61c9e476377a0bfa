import { InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FREQUENCIES, type Frequency, type Recurrence } from "./recurrence";

/** "every N weeks / months / quarters / years"; labels name what it is for. */
export function RecurrencePicker({ value, onChange, intervalLabel, unitLabel }: { value: Recurrence; onChange: (value: Recurrence) => void; intervalLabel: string; unitLabel: string }) {
  const { t } = useTranslation("plans");
  return (
    <>
      <span>{t("editor.every")}</span>
      <InputNumber aria-label={intervalLabel} min={1} max={52} value={value.interval} onChange={(interval) => interval && onChange({ ...value, interval })} />
      <Select aria-label={unitLabel} value={value.frequency} style={{ width: 120 }} options={FREQUENCIES.map((f) => ({ value: f, label: t(`frequency.${f}`) }))} onChange={(frequency: Frequency) => onChange({ ...value, frequency })} />
    </>
  );
}
