import { useEffect, useState } from "react";
import { useClient } from "urql";
import { DashboardMonthDocument } from "./documents";
import { kpiFilter, type DashboardFilters, type Month } from "./filters";
import { monthlyRates, type MonthlyPoint } from "./series";

/** The completion rate of every month of the period: one small KPI query per month. */
export function useMonthly(filters: DashboardFilters, months: Month[]): { points: MonthlyPoint[]; loading: boolean; failed: boolean } {
  const client = useClient();
  const key = JSON.stringify([filters, months]);
  const [state, setState] = useState<{ key: string; points: MonthlyPoint[]; failed: boolean } | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all(
      months.map((month) => client.query(DashboardMonthDocument, { filter: kpiFilter(filters, [month.start, month.end]) }, { requestPolicy: "network-only" }).toPromise()),
    ).then((results) => {
      if (!live) return;
      const points = monthlyRates(
        months.map((m) => m.label),
        results.map((r) => r.data?.kpis.inspectionCompletion),
      );
      setState({ key, points, failed: results.some((r) => r.error) });
    });
    return () => {
      live = false;
    };
    // key stands for filters and months.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);

  const current = state?.key === key ? state : null;
  return { points: current?.points ?? [], loading: current == null, failed: current?.failed ?? false };
}
