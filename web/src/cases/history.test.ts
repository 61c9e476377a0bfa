import { describe, expect, it } from "vitest";
import { actorLine, stepHeadline, type HistoryStep } from "./history";

const step = (changes: Partial<HistoryStep>): HistoryStep => ({
  sequence: 1,
  event: "return_for_correction",
  title: "退回更正",
  toState: "returned_for_correction",
  toStateTitle: "退回更正",
  actor: "王敏",
  comment: null,
  occurredAt: "2026-12-01T08:00:00Z",
  ...changes,
});

describe("stepHeadline", () => {
  it("names the step and the state by their titles", () => {
    expect(stepHeadline(step({}), "开始")).toBe("退回更正 → 退回更正");
  });
  it("calls the opening step by the page's own word", () => {
    expect(stepHeadline(step({ event: "start", title: null, toStateTitle: "已排期" }), "Opened")).toBe("Opened → 已排期");
  });
  it("falls back to the raw names a version no longer titles", () => {
    expect(stepHeadline(step({ title: null, toStateTitle: null }), "Opened")).toBe("return_for_correction → returned_for_correction");
  });
});

describe("actorLine", () => {
  const titles: Record<string, string> = { auditor: "稽核员", manager: "Audit manager" };
  const roleTitle = (role: string) => titles[role] ?? null;
  it("names the person and their role in the page's language", () => {
    expect(actorLine({ kind: "PERSON", name: "李雷", role: "AUDITOR" }, roleTitle, "zh-CN")).toBe("李雷（稽核员）");
    expect(actorLine({ kind: "PERSON", name: "Wang Fang", role: "MANAGER" }, roleTitle, "en")).toBe("Wang Fang (Audit manager)");
  });
  it("shows the system and unknown roles by the name alone", () => {
    expect(actorLine({ kind: "SYSTEM", name: "系统", role: null }, roleTitle, "zh-CN")).toBe("系统");
    expect(actorLine({ kind: "PERSON", name: "Zoe", role: "ROBOT" }, roleTitle, "en")).toBe("Zoe");
  });
  it("does not repeat a role that stands in for a missing name", () => {
    expect(actorLine({ kind: "PERSON", name: "稽核员", role: "AUDITOR" }, roleTitle, "zh-CN")).toBe("稽核员");
    expect(actorLine({ kind: "PERSON", name: "演示 · 稽核员 张伟", role: "AUDITOR" }, roleTitle, "zh-CN")).toBe("演示 · 稽核员 张伟");
  });
  it("never shows a raw id when the server sent no actor", () => {
    expect(actorLine(null, roleTitle, "en")).toBe("—");
  });
});
