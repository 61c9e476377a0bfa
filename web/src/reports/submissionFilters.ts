import dayjs from "dayjs";

/** The submissions page's URL filters, as the `SubmissionFilter` input and the export take them. */
export interface SubmissionUrlFilters {
  form?: string;
  view?: string;
  from?: string;
  to?: string;
  findings?: string;
}

export type SubmissionView = "submissions" | "findings";

export function viewOf(filters: SubmissionUrlFilters): SubmissionView {
  return filters.view === "findings" ? "findings" : "submissions";
}

/** Dates are days in the URL; the filter takes the start of `from` and the day after `to`. */
export function submissionFilter(filters: SubmissionUrlFilters, defaultFormId: string | null) {
  const formId = filters.form ?? defaultFormId;
  const from = filters.from ? dayjs(filters.from) : null;
  const to = filters.to ? dayjs(filters.to) : null;
  return {
    formId: formId ?? null,
    // The findings view lists only submissions that raised findings.
    hasFindings: viewOf(filters) === "findings" || filters.findings === "1" ? true : null,
    submittedAfter: from?.isValid() ? from.startOf("day").toISOString() : null,
    submittedBefore: to?.isValid() ? to.add(1, "day").startOf("day").toISOString() : null,
  };
}

interface FindingOf {
  pointer: string;
  severity: string;
  title: string;
}

/** The findings view's rows: one per finding, with its submission's key fields. */
export function findingRows<S extends { id: string; findings: readonly FindingOf[] }>(submissions: readonly S[]) {
  return submissions.flatMap((submission) =>
    submission.findings.map((finding) => ({ key: `${submission.id}${finding.pointer}`, submission, finding })),
  );
}
