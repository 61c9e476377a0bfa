import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { useUrlTable } from "./urlTable";

const FILTERS = ["state", "overdue"] as const;

function setup(initial: string) {
  const wrapper = ({ children }: { children: ReactNode }) => <MemoryRouter initialEntries={[initial]}>{children}</MemoryRouter>;
  return renderHook(() => ({ table: useUrlTable(FILTERS), location: useLocation() }), { wrapper });
}

describe("useUrlTable", () => {
  it("reads filters and the page from the URL", () => {
    const { result } = setup("/work?state=open&page=3&after=abc&other=x");
    expect(result.current.table.filters).toEqual({ state: "open" });
    expect(result.current.table.page).toBe(3);
    expect(result.current.table.after).toBe("abc");
  });

  it("walks forward and back through cursor pages", () => {
    const { result } = setup("/work?state=open");
    act(() => result.current.table.nextPage("c1"));
    act(() => result.current.table.nextPage("c2"));
    expect(result.current.table.page).toBe(3);
    expect(result.current.table.after).toBe("c2");
    act(() => result.current.table.previousPage());
    expect(result.current.table.after).toBe("c1");
    expect(result.current.table.page).toBe(2);
    act(() => result.current.table.previousPage());
    expect(result.current.table.after).toBeNull();
    expect(result.current.location.search).toBe("?state=open");
  });

  it("goes back to the first page when a filter changes", () => {
    const { result } = setup("/work?after=c1&page=2&trail=");
    act(() => result.current.table.setFilters({ overdue: "1" }));
    expect(result.current.location.search).toBe("?overdue=1");
  });
});
