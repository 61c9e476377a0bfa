import { describe, expect, it } from "vitest";
import { fillTarget } from "./fillTarget";

const waiting = {
  id: "case-1",
  takesSubmission: true,
  customer: { id: "customer-1" },
  formToFill: { latestVersion: { id: "version-7" } },
};

describe("fillTarget", () => {
  it("opens the case's own form version for its customer", () => {
    expect(fillTarget(waiting)).toEqual({ id: "case-1", customerId: "customer-1", formVersionId: "version-7" });
  });

  it("offers nothing once the case no longer takes a submission", () => {
    expect(fillTarget({ ...waiting, takesSubmission: false })).toBeNull();
  });

  it("offers nothing when the form has no published version or none is named", () => {
    expect(fillTarget({ ...waiting, formToFill: { latestVersion: null } })).toBeNull();
    expect(fillTarget({ ...waiting, formToFill: null })).toBeNull();
  });

  it("keeps a case without a customer (a staff plan) for the caller to decide", () => {
    expect(fillTarget({ ...waiting, customer: null })?.customerId).toBeNull();
  });
});
