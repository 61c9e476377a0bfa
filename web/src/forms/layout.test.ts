import { describe, expect, it } from "vitest";
import { formLayout, layoutClass } from "./layout";

describe("formLayout", () => {
  it("puts Chinese labels beside fields with a colon from lg, stacked below", () => {
    const layout = formLayout("zh-CN");
    expect(layout.colon).toBe(true);
    expect(layout.labelAlign).toBe("right");
    expect(layout.labelCol).toEqual({ xs: { span: 24 }, lg: { span: 7 } });
    expect((layout.labelCol.lg as { span: number }).span + (layout.wrapperCol.lg as { span: number }).span).toBe(24);
    expect(layoutClass("zh-CN")).toContain("form-labels-side");
  });

  it("keeps English labels above fields without a colon", () => {
    expect(formLayout("en")).toMatchObject({ colon: false, labelCol: { span: 24 }, wrapperCol: { span: 24 } });
    expect(layoutClass("en")).toContain("form-labels-top");
  });
});
