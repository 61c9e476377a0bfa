import type { JobStatus } from "../api/graphql";

export const JOB_STATUSES: JobStatus[] = ["QUEUED", "RUNNING", "RETRYING", "SUCCEEDED", "FAILED"];

export const STATUS_COLOR: Record<JobStatus, "default" | "processing" | "warning" | "success" | "error"> = {
  QUEUED: "default",
  RUNNING: "processing",
  RETRYING: "warning",
  SUCCEEDED: "success",
  FAILED: "error",
};

/** The URL's filters as the API's JobRunFilter (unknown values ignored). */
export function jobFilter(filters: Partial<Record<"name" | "status" | "periodic", string>>) {
  const status = JOB_STATUSES.find((s) => s === filters.status);
  return {
    name: filters.name || null,
    status: status ? [status] : null,
    periodic: filters.periodic === "1" ? true : filters.periodic === "0" ? false : null,
  };
}

/** Whether any run on the page is still moving (the page polls while one is). */
export function hasActiveJobs(runs: readonly { status: JobStatus }[]): boolean {
  return runs.some((r) => r.status === "QUEUED" || r.status === "RUNNING" || r.status === "RETRYING");
}
