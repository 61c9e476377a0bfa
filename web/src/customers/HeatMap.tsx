import { useTranslation } from "react-i18next";
import { SCALE, band, heatGrid, type Cell } from "./heatmap";

// Light fills with dark text keep every cell above 4.5:1 contrast.
const FILL = { low: "#d9f7be", medium: "#fff1b8", high: "#ffd8bf", critical: "#ffccc7" } as const;

/** The 5x5 likelihood x impact grid as a real table (screen readers read row and column). */
export function HeatMap({ cells }: { cells: readonly Cell[] }) {
  const { t } = useTranslation("customers");
  const grid = heatGrid(cells);
  return (
    <table className="heat-map" style={{ borderCollapse: "separate", borderSpacing: 4 }}>
      <caption style={{ captionSide: "bottom", paddingTop: 4, color: "#595959" }}>
        {t("customer.impact")} →
      </caption>
      <thead>
        <tr>
          <th scope="col" style={{ fontWeight: 400, color: "#595959", paddingRight: 6 }}>
            {t("customer.likelihood")} ↓
          </th>
          {SCALE.map((impact) => (
            <th key={impact} scope="col" style={{ width: 44 }}>
              {impact}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.map((row) => (
          <tr key={row[0].likelihood}>
            <th scope="row">{row[0].likelihood}</th>
            {row.map((cell) => (
              <td
                key={cell.impact}
                aria-label={t("customer.heatCell", { likelihood: cell.likelihood, impact: cell.impact, count: cell.count })}
                data-count={cell.count}
                style={{
                  background: FILL[band(cell.likelihood, cell.impact)],
                  color: "#1f1f1f",
                  textAlign: "center",
                  height: 36,
                  borderRadius: 4,
                  fontWeight: cell.count ? 700 : 400,
                }}
              >
                {cell.count || ""}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
