import { describe, expect, it } from "vitest";
import { exportInput, exportMode, fileNameFrom, progressPercent, rawId, streamFilters, streamUrl } from "./exports";

const uuid = "0b6b7f4e-6a1f-4c1e-9d7a-3f1d2c3b4a5e";
const globalId = btoa(`Form:${uuid}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

describe("export filters", () => {
  it("decodes global ids to raw uuids and leaves other strings alone", () => {
    expect(rawId(globalId)).toBe(uuid);
    expect(rawId("not an id")).toBe("not an id");
  });

  it("turns a list filter into the streaming endpoint's filter", () => {
    expect(streamFilters("submissions", { formId: globalId, hasFindings: true, customerId: null, submittedAfter: "2026-01-01T00:00:00Z" })).toEqual({
      formId: uuid,
      hasFindings: true,
      submittedAfter: "2026-01-01T00:00:00Z",
    });
    expect(streamFilters("customers", { search: "", tier: "HIGH_RISK", region: "华东" })).toEqual({ tier: "high_risk", region: "华东" });
  });

  it("builds the stream URL with the chosen language", () => {
    const url = new URL(streamUrl("customers", "csv", { tier: "KEY" }, "en"), "http://x");
    expect(url.pathname).toBe("/exports/customers.csv");
    expect(JSON.parse(url.searchParams.get("filters") ?? "")).toEqual({ tier: "key" });
    expect(url.searchParams.get("language")).toBe("en");
  });

  it("builds the job's input under the right filter field", () => {
    expect(exportInput("findings", "xlsx", { formId: globalId, customerId: null }, "zh-CN")).toEqual({
      kind: "FINDINGS",
      format: "XLSX",
      language: "ZH_CN",
      submissions: { formId: globalId },
    });
    expect(exportInput("customers", "csv", { tier: "KEY" }, "en")).toMatchObject({ customers: { tier: "KEY" } });
  });
});

describe("export mode and progress", () => {
  it("streams small lists and runs a job for large or unknown ones", () => {
    expect(exportMode(10)).toBe("direct");
    expect(exportMode(5000)).toBe("direct");
    expect(exportMode(5001)).toBe("job");
    expect(exportMode(null)).toBe("job");
  });

  it("computes a bounded percentage", () => {
    expect(progressPercent({ done: 50, total: 200 })).toBe(25);
    expect(progressPercent({ done: 5, total: null })).toBe(0);
    expect(progressPercent({ done: 300, total: 200 })).toBe(100);
  });

  it("reads the file name from Content-Disposition", () => {
    expect(fileNameFrom("attachment; filename=\"export\"; filename*=UTF-8''%E5%AE%A2%E6%88%B7.csv", "x.csv")).toBe("客户.csv");
    expect(fileNameFrom('attachment; filename="a.xlsx"', "x")).toBe("a.xlsx");
    expect(fileNameFrom(null, "x.csv")).toBe("x.csv");
  });
});
