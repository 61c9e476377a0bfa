import { describe, expect, it } from "vitest";
import { classifyOutcome } from "./mutationResult";

type Result =
  | { __typename: "UserCreated"; user: { username: string } }
  | { __typename: "ValidationFailed"; message: string; errors: { path: string[]; message: string }[] }
  | { __typename: "NotAllowed"; message: string };

describe("classifyOutcome", () => {
  it("passes the success value through", () => {
    const outcome: Result = { __typename: "UserCreated", user: { username: "li" } };
    const classified = classifyOutcome(outcome, "UserCreated");
    expect(classified.kind).toBe("ok");
    if (classified.kind === "ok") expect(classified.value.user.username).toBe("li");
  });

  it("turns ValidationFailed into form field errors", () => {
    const outcome: Result = {
      __typename: "ValidationFailed",
      message: "Invalid",
      errors: [
        { path: ["input", "username"], message: "taken" },
        { path: ["input", "username"], message: "too short" },
        { path: ["email"], message: "bad" },
      ],
    };
    expect(classifyOutcome(outcome, "UserCreated")).toEqual({
      kind: "invalid",
      message: "Invalid",
      fields: [
        { name: "username", errors: ["taken", "too short"] },
        { name: "email", errors: ["bad"] },
      ],
    });
  });

  it("reports other user errors and transport errors; nothing when there is nothing", () => {
    expect(classifyOutcome({ __typename: "NotAllowed", message: "No" } as Result, "UserCreated")).toEqual({ kind: "error", message: "No" });
    expect(classifyOutcome(null, "UserCreated", { message: "offline" })).toEqual({ kind: "error", message: "offline" });
    expect(classifyOutcome(undefined, "UserCreated")).toEqual({ kind: "none" });
  });
});
