import type { Recipient } from "./types";

/** A recipient as one select value ("roundRobin:manager", "assignee", ...) and back. */
export const RECIPIENTS = ["assignee", "submitter", "accountAuditor", "roundRobin:manager", "roundRobin:auditor", "role:manager", "role:auditor", "role:admin"];

export function recipientValue(recipient: Recipient | undefined): string | undefined {
  if (!recipient) return undefined;
  const [key, value] = Object.entries(recipient)[0] ?? [];
  if (!key) return undefined;
  return value === true ? key : `${key}:${String(value)}`;
}

export function recipientOf(value: string): Recipient {
  const [key, argument] = value.split(":", 2) as [string, string | undefined];
  if (argument === undefined) return { [key]: true } as Recipient;
  return { [key]: argument } as Recipient;
}
