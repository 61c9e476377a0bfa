import type { TableColumnType } from "antd";

type ColumnType<T> = TableColumnType<T>;
type Breakpoint = NonNullable<ColumnType<unknown>["responsive"]>[number];

/**
 * Column priority for tables that must fit a 768px tablet without sideways scrolling:
 * 1 always shows, 2 from the `lg` breakpoint (992px), 3 from `xl` (1200px). Columns keep
 * long text on one line with an ellipsis (and its full text as a tooltip title).
 */
export type ColumnPriority = 1 | 2 | 3;

export interface PrioritizedColumn<T> extends ColumnType<T> {
  priority?: ColumnPriority;
}

const BREAKPOINTS: Record<ColumnPriority, Breakpoint[] | undefined> = {
  1: undefined,
  2: ["lg"],
  3: ["xl"],
};

export function prioritized<T>(columns: readonly PrioritizedColumn<T>[]): ColumnType<T>[] {
  return columns.map(({ priority = 1, ...column }) => {
    const responsive = BREAKPOINTS[priority];
    return {
      ellipsis: column.ellipsis ?? true,
      ...column,
      ...(responsive ? { responsive } : {}),
    };
  });
}
