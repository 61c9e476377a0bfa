import { useState } from "react";
import { Button, DatePicker, Flex, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import dayjs, { type Dayjs } from "dayjs";
import { MAX_DAYS, presetPeriod, TIERS, type DashboardFilters } from "./filters";

type Change = Partial<Record<keyof DashboardFilters, string | null>>;
const PRESETS = ["month", "3m", "6m", "12m", "year"] as const;

/** The filters (period, tier, region, auditor, form); each change goes to the URL. */
export function FilterBar({
  filters,
  today,
  auditors,
  forms,
  onChange,
  onClear,
}: {
  filters: DashboardFilters;
  today: string;
  auditors: { value: string; label: string }[];
  forms: { value: string; label: string }[];
  onChange: (change: Change) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation("dashboard");
  const presets = PRESETS.map((preset) => {
    const [from, to] = presetPeriod(preset, today);
    return { label: t(`filter.presets.${preset}`), value: [dayjs(from), dayjs(to)] as [Dayjs, Dayjs] };
  });
  const all = t("filter.all");
  return (
    <Flex wrap gap={12} align="center" className="dashboard-filters">
      <DatePicker.RangePicker
        aria-label={t("filter.period")}
        allowClear={false}
        value={[dayjs(filters.from), dayjs(filters.to)]}
        presets={presets}
        disabledDate={(day, info) => (info.from ? Math.abs(day.diff(info.from, "day")) >= MAX_DAYS : false)}
        onChange={(range) => {
          if (range?.[0] && range[1]) onChange({ from: range[0].format("YYYY-MM-DD"), to: range[1].format("YYYY-MM-DD") });
        }}
      />
      <Select
        aria-label={t("filter.tier")}
        style={{ width: 190 }}
        value={filters.tier ?? ""}
        onChange={(value: string) => onChange({ tier: value || null })}
        options={[{ value: "", label: `${t("filter.tier")}: ${all}` }, ...TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))]}
      />
      <RegionInput key={filters.region ?? ""} region={filters.region} onChange={(value) => onChange({ region: value })} />
      <Select
        aria-label={t("filter.auditor")}
        style={{ width: 180 }}
        showSearch={{ optionFilterProp: "label" }}
        value={filters.auditor ?? ""}
        onChange={(value: string) => onChange({ auditor: value || null })}
        options={[{ value: "", label: `${t("filter.auditor")}: ${all}` }, ...auditors]}
      />
      <Select
        aria-label={t("filter.form")}
        style={{ width: 190 }}
        showSearch={{ optionFilterProp: "label" }}
        value={filters.form ?? ""}
        onChange={(value: string) => onChange({ form: value || null })}
        options={[{ value: "", label: `${t("filter.form")}: ${all}` }, ...forms]}
      />
      <Button onClick={onClear}>{t("filter.clear")}</Button>
    </Flex>
  );
}

/** The region, sent to the URL on Enter or when the field loses focus (not on each key). */
function RegionInput({ region, onChange }: { region: string | null; onChange: (value: string | null) => void }) {
  const { t } = useTranslation("dashboard");
  const [text, setText] = useState(region ?? "");
  return (
    <Input
      aria-label={t("filter.region")}
      style={{ width: 140 }}
      placeholder={t("filter.regionPlaceholder")}
      value={text}
      allowClear
      onChange={(event) => {
        setText(event.target.value);
        if (!event.target.value && region) onChange(null);
      }}
      onPressEnter={() => onChange(text.trim() || null)}
      onBlur={() => text.trim() !== (region ?? "") && onChange(text.trim() || null)}
    />
  );
}
