import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown } from "./lazyMarkdown";

describe("the lazily loaded markdown rjsf renders descriptions with", () => {
  it("renders markdown once the parser has loaded, without raw HTML", async () => {
    render(<Markdown options={{ disableParsingRawHTML: true }}>{"Check the **fire exits** <b>now</b>"}</Markdown>);
    const strong = await screen.findByText("fire exits");
    expect(strong.tagName).toBe("STRONG");
    expect(document.querySelector("b")).toBeNull();
  });
});
