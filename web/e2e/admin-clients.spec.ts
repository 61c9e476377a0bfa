import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, signIn, test } from "./fixtures";

const shots = resolve(dirname(fileURLToPath(import.meta.url)), "../test-results/screenshots");

/** A dialog blocks the header's language switch: shoot both sizes in the current language. */
async function dialogShots(page: Page, name: string, language: "zh-CN" | "en") {
  mkdirSync(shots, { recursive: true });
  for (const [width, height] of [
    [1024, 768],
    [768, 1024],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(shots, `${name}.${language}.${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
}

test("an admin registers a confidential OAuth client, sees its secret once, and deactivates it", async ({ page }) => {
  await signIn(page, "admin", "/admin/clients");
  await expect(page.getByRole("heading", { level: 1, name: "OAuth 客户端" })).toBeVisible();
  // The portal's own first-party client is listed and cannot be deactivated from here.
  const web = page.locator(".clients-table tr", { hasText: "auditportal-web" });
  await expect(web).toBeVisible();
  await expect(web.getByText("门户自带")).toBeVisible();
  await expect(web.getByRole("button", { name: "停用" })).toHaveCount(0);

  await page.getByRole("button", { name: "登记客户端" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("客户端 ID").fill("e2e-bi-export");
  await dialog.getByLabel("名称").fill("BI 导出");
  await dialog.getByLabel("权限范围").click();
  await page.locator(".ant-select-dropdown:visible").getByText("customers:read", { exact: true }).click();
  await dialog.getByLabel("权限范围").fill("jobs:read");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await dialogShots(page, "admin-clients-register", "zh-CN");
  await dialog.getByRole("button", { name: "登记", exact: true }).click();

  // The secret: shown once, copyable, then gone.
  const secretDialog = page.getByRole("dialog", { name: "e2e-bi-export 的密钥" });
  await expect(secretDialog).toBeVisible();
  await expect(secretDialog.getByText("密钥只显示这一次")).toBeVisible();
  const secret = (await secretDialog.locator(".client-secret code").textContent()) ?? "";
  expect(secret.length).toBeGreaterThan(30);
  await dialogShots(page, "admin-clients-secret", "zh-CN");
  await secretDialog.getByRole("button", { name: "已保存" }).click();
  await expect(secretDialog).toBeHidden();
  await expect(page.getByText(secret)).toHaveCount(0);

  const row = page.locator(".clients-table tr", { hasText: "e2e-bi-export" });
  await expect(row.getByText("customers:read")).toBeVisible();
  await expect(row.getByText("在用")).toBeVisible();
  await screenshots(page, "admin-clients");
  await expectAccessible(page);

  // Registering the same client id again is a conflict, shown in the page's language.
  await page.getByRole("button", { name: "登记客户端" }).click();
  await dialog.getByLabel("客户端 ID").fill("e2e-bi-export");
  await dialog.getByLabel("名称").fill("again");
  await dialog.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.locator(".ant-message").getByText(/e2e-bi-export/)).toBeVisible();
  await dialog.getByRole("button", { name: "取消" }).click();

  await row.getByRole("button", { name: "停用" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await expect(row.getByText("已停用")).toBeVisible();

  // The status filter lives in the URL.
  await page.getByRole("combobox", { name: "状态" }).click();
  await page.locator(".ant-select-dropdown:visible").getByText("已停用", { exact: true }).click();
  await expect(page).toHaveURL(/active=0/);
  await expect(page.locator(".clients-table tr", { hasText: "auditportal-web" })).toHaveCount(0);
  await expect(row).toBeVisible();
});

test("a public authorization-code client needs no secret", async ({ page }) => {
  await signIn(page, "admin", "/admin/clients", "en");
  await page.getByRole("button", { name: "Register client" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Client ID").fill("e2e-mobile");
  await dialog.getByLabel("Name").fill("Mobile app");
  await dialog.getByLabel("Client credentials (service account)").uncheck();
  await dialog.getByLabel("Authorization code").check();
  await dialog.getByLabel("Refresh token").check();
  await dialog.getByLabel("Redirect URIs").fill("https://app.example.com/callback");
  await dialog.getByRole("switch").click();
  await dialogShots(page, "admin-clients-register", "en");
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByText("Registered e2e-mobile")).toBeVisible();
  await expect(page.getByRole("dialog", { name: /Secret of/ })).toHaveCount(0);
  const row = page.locator(".clients-table tr", { hasText: "e2e-mobile" });
  await expect(row.getByText("Public (PKCE)")).toBeVisible();

  // A confidential one in English: the secret dialog in this language.
  await page.getByRole("button", { name: "Register client" }).click();
  await dialog.getByLabel("Client ID").fill("e2e-etl");
  await dialog.getByLabel("Name").fill("Nightly ETL");
  await dialog.getByRole("button", { name: "Register", exact: true }).click();
  const secretDialog = page.getByRole("dialog", { name: "Secret of e2e-etl" });
  await expect(secretDialog.getByText("The secret is shown this once")).toBeVisible();
  await dialogShots(page, "admin-clients-secret", "en");
  await secretDialog.getByRole("button", { name: "I saved it" }).click();
});
