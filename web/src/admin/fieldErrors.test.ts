import { describe, expect, it } from "vitest";
import { formFieldErrors } from "./fieldErrors";

describe("formFieldErrors", () => {
  it("strips the input prefix and groups messages per field", () => {
    expect(
      formFieldErrors([
        { path: ["input", "username"], message: "taken" },
        { path: ["input", "username"], message: "too short" },
        { path: ["input", "email"], message: "bad" },
        { path: ["input"], message: "whole input" },
      ]),
    ).toEqual([
      { name: "username", errors: ["taken", "too short"] },
      { name: "email", errors: ["bad"] },
    ]);
  });
});
