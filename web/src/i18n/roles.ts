import type { Messages } from "./index";

/**
 * The six roles' names, written once for every area (the header, users, the case history, the
 * designer): each area used to spell them its own way ("经理" here, "稽核经理" there).
 */
// The same names as the server's refusal messages (i18n/messages_workflows.py "role.*").
const ROLE_NAMES = {
  ADMIN: ["合规管理员", "Compliance administrator"],
  MANAGER: ["稽核经理", "Audit manager"],
  AUDITOR: ["稽核员", "Auditor"],
  CUSTOMER: ["客户用户", "Customer user"],
  CONSULTANT: ["外部顾问", "External consultant"],
  SERVICE: ["第三方系统", "Third-party tool"],
} as const satisfies Record<string, readonly [zh: string, en: string]>;

export type RoleName = keyof typeof ROLE_NAMES;

/**
 * The role names in one language, keyed as the caller's data spells roles: the API's enum
 * (`ADMIN`) or a workflow definition's lowercase (`admin`).
 */
export function roleNames(language: "zh-CN" | "en", keys: "enum" | "definition" = "enum"): Messages {
  const index = language === "zh-CN" ? 0 : 1;
  return Object.fromEntries(
    Object.entries(ROLE_NAMES).map(([role, names]) => [keys === "enum" ? role : role.toLowerCase(), names[index]]),
  );
}

/** The same names as [zh, en] pairs with definition keys, for areas written with `bilingual`. */
export function rolePairs(): Record<string, readonly [string, string]> {
  return Object.fromEntries(Object.entries(ROLE_NAMES).map(([role, names]) => [role.toLowerCase(), names]));
}
