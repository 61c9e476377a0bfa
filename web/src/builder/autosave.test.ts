import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type AutosaveState, type Outcome } from "./autosave";

type Doc = { v: number };

/** A server stand-in that answers when told: the tests decide the order of events. */
function harness(answer: (doc: Doc, expected: number) => Outcome) {
  const sent: { doc: Doc; expected: number; resolve: () => void }[] = [];
  const states: AutosaveState["kind"][] = [];
  const initial: Doc = { v: 0 };
  const saver = new Autosaver<Doc>({
    revision: 1,
    saved: initial,
    delay: 700,
    send: (doc, expected) =>
      new Promise<Outcome>((resolve) => {
        sent.push({ doc, expected, resolve: () => resolve(answer(doc, expected)) });
      }),
    onState: (s) => states.push(s.kind),
    onSaved: () => undefined,
    onErrors: () => undefined,
  });
  return { saver, sent, states, initial };
}

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("does not re-send a draft the server refused (the stuck 'saving' bug)", async () => {
    const h = harness(() => ({ kind: "invalid", errors: [{ pointer: "/x", message: "bad" }] }));
    h.saver.edit({ v: 1 });
    await vi.advanceTimersByTimeAsync(700);
    expect(h.sent).toHaveLength(1);
    h.sent[0].resolve();
    await settle();
    expect(h.states).toEqual(["saving", "invalid"]);
    // Other state changes (a tab visited, a language switched) re-render; nothing more is sent.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.sent).toHaveLength(1);
    expect(h.states.at(-1)).toBe("invalid");
  });

  it("sends one request at a time and then the newest edit with the new revision", async () => {
    let revision = 1;
    const h = harness((_doc, expected) => (expected === revision ? { kind: "saved", revision: ++revision } : { kind: "conflict" }));
    h.saver.edit({ v: 1 });
    await vi.advanceTimersByTimeAsync(700);
    expect(h.sent).toHaveLength(1);
    const newest = { v: 2 };
    h.saver.edit(newest);
    await vi.advanceTimersByTimeAsync(5_000); // the server is slow: no second request meanwhile
    expect(h.sent).toHaveLength(1);
    h.sent[0].resolve();
    await settle();
    expect(h.sent).toHaveLength(2);
    expect(h.sent[1].doc).toBe(newest);
    expect(h.sent[1].expected).toBe(2);
    h.sent[1].resolve();
    await settle();
    expect(h.states).toEqual(["saving", "saving", "saved"]);
    expect(h.saver.busy).toBe(false);
  });

  it("undoing back to the saved draft sends nothing; a fixed draft is sent again", async () => {
    let good = false;
    const h = harness(() => (good ? { kind: "saved", revision: 2 } : { kind: "invalid", errors: [] }));
    const bad = { v: 1 };
    h.saver.edit(bad);
    h.saver.edit(h.initial);
    await vi.advanceTimersByTimeAsync(700);
    expect(h.sent).toHaveLength(0);
    h.saver.edit(bad);
    await vi.advanceTimersByTimeAsync(700);
    h.sent[0].resolve();
    await settle();
    good = true;
    h.saver.edit({ v: 3 });
    await vi.advanceTimersByTimeAsync(700);
    expect(h.sent).toHaveLength(2);
    h.sent[1].resolve();
    await settle();
    expect(h.states.at(-1)).toBe("saved");
  });

  it("stops after a conflict", async () => {
    const h = harness(() => ({ kind: "conflict" }));
    h.saver.edit({ v: 1 });
    await vi.advanceTimersByTimeAsync(700);
    h.sent[0].resolve();
    await settle();
    h.saver.edit({ v: 2 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.sent).toHaveLength(1);
    expect(h.states).toEqual(["saving", "conflict"]);
  });
});
