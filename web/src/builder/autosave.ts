/**
 * Autosave of the draft with the compare-and-set revision, outside React so that it can be
 * tested without a browser.
 *
 * What it guarantees: one request at a time (a second one would carry the same, stale
 * revision and come back as a conflict); the newest edit is always the one sent after a
 * request in flight; a definition the server refused is not sent again until it changes
 * (before, the editor re-sent a refused draft for ever and the status never settled); after
 * a conflict nothing is sent any more.
 */
export type Outcome =
  | { kind: "saved"; revision: number }
  | { kind: "invalid"; errors: { pointer: string; message: string }[] }
  | { kind: "conflict" }
  | { kind: "failed"; message: string };

export type AutosaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; revision: number } | { kind: "invalid" } | { kind: "conflict" } | { kind: "failed"; message: string };

export interface AutosaveOptions<D> {
  revision: number;
  saved: D;
  delay: number;
  send: (definition: D, expectedRevision: number) => Promise<Outcome>;
  onState: (state: AutosaveState) => void;
  onSaved: (definition: D, revision: number) => void;
  onErrors: (errors: { pointer: string; message: string }[]) => void;
}

export class Autosaver<D> {
  private revision: number;
  private saved: D;
  private latest: D;
  /** The last definition the server refused (invalid) or that failed: not re-sent as is. */
  private refused: D | null = null;
  private inFlight = false;
  private conflict = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(private readonly options: AutosaveOptions<D>) {
    this.revision = options.revision;
    this.saved = options.saved;
    this.latest = options.saved;
  }

  /** The document changed (or was undone back): save it a while after the last edit. */
  edit(definition: D): void {
    this.latest = definition;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.wanted()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delay);
  }

  get busy(): boolean {
    return this.inFlight || this.timer !== null;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private wanted(): boolean {
    return !this.conflict && !this.disposed && this.latest !== this.saved && this.latest !== this.refused;
  }

  private async flush(): Promise<void> {
    // A request is out: its answer schedules the newest edit (see below).
    if (this.inFlight || !this.wanted()) return;
    const definition = this.latest;
    this.inFlight = true;
    this.options.onState({ kind: "saving" });
    let outcome: Outcome;
    try {
      outcome = await this.options.send(definition, this.revision);
    } catch (error) {
      outcome = { kind: "failed", message: error instanceof Error ? error.message : String(error) };
    }
    this.inFlight = false;
    if (this.disposed) return;
    if (outcome.kind === "saved") {
      this.revision = outcome.revision;
      this.saved = definition;
      this.refused = null;
      this.options.onSaved(definition, outcome.revision);
      this.options.onErrors([]);
    } else if (outcome.kind === "invalid") {
      this.refused = definition;
      this.options.onErrors(outcome.errors);
    } else if (outcome.kind === "conflict") {
      this.conflict = true;
    } else {
      this.refused = definition;
    }
    if (this.latest !== definition && this.wanted()) {
      // Edited while the request was out: save the newest now, with the new revision.
      void this.flush();
      return;
    }
    this.options.onState(outcome.kind === "saved" ? { kind: "saved", revision: outcome.revision } : outcome.kind === "invalid" ? { kind: "invalid" } : outcome);
  }
}
