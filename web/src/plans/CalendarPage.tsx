import { Alert, App, Button, Flex, Input, Select, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { CalendarDocument, RemoveDaysDocument, SetDaysDocument } from "./api";
import "./plans.css";

/** /plans/calendar: holidays and make-up workdays that SLAs and due dates count with. */
export default function CalendarPage() {
  const { t } = useTranslation("plans");
  const { message } = App.useApp();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [{ data, error, fetching }, refetch] = useQuery({ query: CalendarDocument, variables: { first: `${year}-01-01`, last: `${year}-12-31`, years: [year, year + 1] } });
  const [, setDays] = useMutation(SetDaysDocument);
  const [, removeDays] = useMutation(RemoveDaysDocument);
  const [day, setDay] = useState("");
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState("");
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const reload = () => refetch({ requestPolicy: "network-only" });
  const add = async () => {
    const result = (await setDays({ input: { days: [{ day, working, note }] } })).data?.setCalendarDays;
    if (result?.__typename === "CalendarDaysSaved") {
      message.success(t("calendar.saved"));
      setDay("");
      setNote("");
      reload();
    } else message.error(result?.__typename === "ValidationFailed" ? result.errors.map((e) => e.message).join(" · ") : (result && "message" in result ? String(result.message) : t("failed")));
  };
  return (
    <div className="plans-page">
      <PageHeader title={t("calendar.title")} crumbs={[{ title: t("list.title"), to: "/plans" }]} subtitle={t("calendar.subtitle")} />
      <Flex vertical gap={12}>
        {data?.workingCalendarWarning && <Alert type="warning" showIcon title={data.workingCalendarWarning} />}
        <Flex gap={8} wrap>
          {(data?.calendarYears ?? []).map((y) => (
            <Tag key={y.year} className={y.missing ? "tag-warn" : "tag-good"}>
              {t("calendar.year", { year: y.year, holidays: y.holidays, workdays: y.workdays })} · {y.officialData ? t("calendar.official") : t("calendar.noOfficial")}
            </Tag>
          ))}
        </Flex>
        <Flex gap={8} wrap align="end" className="plans-calendar-form">
          <Select aria-label={t("calendar.yearLabel")} value={year} style={{ width: 110 }} options={[year - 1, year, year + 1, year + 2].map((y) => ({ value: y, label: String(y) }))} onChange={setYear} />
          <Input type="date" aria-label={t("calendar.day")} style={{ width: 170 }} value={day} onChange={(e) => setDay(e.target.value)} />
          <Select aria-label={t("calendar.kind")} value={working ? "working" : "holiday"} style={{ width: 140 }} options={[{ value: "holiday", label: t("calendar.holiday") }, { value: "working", label: t("calendar.workday") }]} onChange={(v: string) => setWorking(v === "working")} />
          <Input aria-label={t("calendar.note")} placeholder={t("calendar.note")} style={{ width: 200 }} value={note} onChange={(e) => setNote(e.target.value)} />
          <Button type="primary" disabled={!day} onClick={() => void add()}>{t("calendar.add")}</Button>
        </Flex>
        <Table
          rowKey="day"
          loading={fetching}
          dataSource={data?.calendarDays ?? []}
          pagination={false}
          locale={{ emptyText: t("calendar.empty") }}
          columns={[
            { title: t("calendar.day"), dataIndex: "day" },
            { title: t("calendar.kind"), dataIndex: "working", render: (w: boolean) => (w ? <Tag className="tag-info">{t("calendar.workday")}</Tag> : <Tag className="tag-warn">{t("calendar.holiday")}</Tag>) },
            { title: t("calendar.note"), dataIndex: "note" },
            { title: "", render: (_, row) => <Button size="small" type="link" danger onClick={async () => { await removeDays({ input: { days: [row.day] } }); reload(); }}>{t("calendar.remove")}</Button> },
          ]}
        />
      </Flex>
    </div>
  );
}
