import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

/**
 * A table's filters and page kept in the URL, so a view can be shared or bookmarked and the
 * back button steps through pages. Pages are cursor based (the API's Relay connections):
 * `after` is the cursor of the page's start, `page` only the number shown.
 */
export interface UrlTable<F extends string> {
  filters: Partial<Record<F, string>>;
  after: string | null;
  page: number;
  setFilters: (next: Partial<Record<F, string | null | undefined>>) => void;
  nextPage: (endCursor: string | null | undefined) => void;
  previousPage: () => void;
  reset: () => void;
}

export function useUrlTable<F extends string>(filterNames: readonly F[]): UrlTable<F> {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const result: Partial<Record<F, string>> = {};
    for (const name of filterNames) {
      const value = params.get(name);
      if (value) result[name] = value;
    }
    return result;
  }, [params, filterNames]);
  const after = params.get("after");
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  // Earlier pages' cursors ride along in the URL, so "previous" works on a shared link too.
  const trailText = params.get("trail");
  const trail = useMemo(() => trailText?.split(",").filter(Boolean) ?? [], [trailText]);

  const setFilters = useCallback(
    (next: Partial<Record<F, string | null | undefined>>) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        for (const [name, value] of Object.entries(next) as [string, string | null | undefined][]) {
          if (value) updated.set(name, value);
          else updated.delete(name);
        }
        // New filters: back to the first page.
        updated.delete("after");
        updated.delete("page");
        updated.delete("trail");
        return updated;
      });
    },
    [setParams],
  );

  const nextPage = useCallback(
    (endCursor: string | null | undefined) => {
      if (!endCursor) return;
      setParams((current) => {
        const updated = new URLSearchParams(current);
        updated.set("trail", [...trail, after ?? ""].join(","));
        updated.set("after", endCursor);
        updated.set("page", String(page + 1));
        return updated;
      });
    },
    [setParams, trail, after, page],
  );

  const previousPage = useCallback(() => {
    setParams((current) => {
      const updated = new URLSearchParams(current);
      const earlier = [...trail];
      const cursor = earlier.pop();
      if (cursor) updated.set("after", cursor);
      else updated.delete("after");
      if (earlier.length) updated.set("trail", earlier.join(","));
      else updated.delete("trail");
      if (page > 2) updated.set("page", String(page - 1));
      else updated.delete("page");
      return updated;
    });
  }, [setParams, trail, page]);

  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  return { filters, after, page, setFilters, nextPage, previousPage, reset };
}
