import { test as base, expect, type Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type RoleKey = "admin" | "auditor" | "manager" | "customer" | "consultant";

/** One scope of tests/web_seed.py: two customers, one user per role, the consultant granted A. */
export interface Seed {
  password: string;
  /** Usernames to sign in with, by role. */
  logins: Record<RoleKey, string>;
  /** Display names, by role (unique across scopes). */
  names: Record<RoleKey, string>;
  /** User ids, by role. */
  users: Record<RoleKey, string>;
  customers: Record<"A" | "B", { code: string; name: string }>;
}

/** The default scope, for specs that only read; `scopes` are for specs that change things. */
export const seed: Seed & { scopes: Record<string, Seed> } = JSON.parse(process.env.E2E_SEED ?? "{}");

/** A spec's own scope (tests/web_seed.py SCOPES): its own customers, users and cases. */
export function seedFor(scope: string): Seed {
  const found = seed.scopes?.[scope];
  if (!found) throw new Error(`no seed scope ${scope} (tests/web_seed.py SCOPES)`);
  return found;
}
export const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:8000";
const shots = resolve(dirname(fileURLToPath(import.meta.url)), "../test-results/screenshots");

export type Language = "zh-CN" | "en";

/**
 * Sign in through the real sign-in page (authorization code + PKCE), landing on `path`.
 * `username` is a login name: a role of the default scope ("auditor") or a scope's
 * `seedFor(...).logins.auditor`.
 */
export async function signIn(page: Page, username: string, path = "/", language: Language = "zh-CN") {
  await page.addInitScript((lang) => window.localStorage.setItem("auditportal.language", lang), language);
  await page.goto(`${baseURL}${path}`);
  await page.waitForURL(/\/oauth\/authorize/);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(seed.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith("/oauth") && !url.pathname.startsWith("/callback"));
  await expect(page.locator(".shell-header")).toBeVisible();
}

export async function switchLanguage(page: Page, language: Language) {
  await page.locator(".shell-header .ant-segmented").getByText(language === "zh-CN" ? "中文" : "English", { exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

const SIZES = [
  { name: "1024x768", width: 1024, height: 768 },
  { name: "768x1024", width: 768, height: 1024 },
] as const;

/**
 * Screenshots of the page as it is, in both languages and both tablet sizes, into
 * web/test-results/screenshots/<name>.<lang>.<size>.png (artifacts, not committed).
 */
export async function screenshots(page: Page, name: string, ready?: () => Promise<void>) {
  mkdirSync(shots, { recursive: true });
  const original = page.viewportSize();
  for (const language of ["zh-CN", "en"] as const) {
    await switchLanguage(page, language);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      if (ready) await ready();
      await page.waitForTimeout(150); // layout settles after a resize (sider collapse)
      await page.screenshot({ path: join(shots, `${name}.${language}.${size.name}.png`), fullPage: true });
    }
  }
  if (original) await page.setViewportSize(original);
  await switchLanguage(page, "zh-CN");
}

/** axe-core on the page: no serious or critical violations. */
export async function expectAccessible(page: Page) {
  // Buttons still loading (a refetch after a step) are drawn faded: scan the settled page.
  await expect(page.locator(".ant-btn-loading")).toHaveCount(0, { timeout: 20_000 });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

/** Fails the test on CSP violations and uncaught errors in the page. */
export const test = base.extend<{ watch: void }>({
  watch: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Refused to/.test(message.text())) {
          problems.push(`csp: ${message.text()}`);
        }
      });
      await use();
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * Client-side navigation (as a click on a link would do): tokens live in memory, so a full
 * page load would sign in again.
 */
export async function go(page: Page, path: string) {
  await page.evaluate((target) => {
    window.history.pushState({}, "", target);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

/**
 * Every radio group on the page answered with its first option, each checked before the next:
 * on a loaded machine a click during a re-render (autosave, a condition showing a field) could
 * be lost, and the form then refused the submit for one unanswered item.
 */
export async function answerEveryChoice(page: Page) {
  const groups = page.locator(".ant-radio-group");
  const count = await groups.count();
  for (let index = 0; index < count; index += 1) {
    const first = groups.nth(index).locator(".ant-radio-wrapper").first();
    await expect(async () => {
      await first.click();
      await expect(first).toHaveClass(/ant-radio-wrapper-checked/, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
  }
}
