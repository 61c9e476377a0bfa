import { expect, expectAccessible, screenshots, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option:visible").getByText(option).first().click();
}

test("an admin attaches a form and a workflow to a monthly plan for key customers and sees the next dates", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", "/plans");
  await expect(page.getByRole("heading", { level: 1, name: "检查计划" })).toBeVisible();
  await page.getByRole("button", { name: "新建计划" }).click();
  const drawer = page.locator(".plans-editor");
  await drawer.getByLabel("名称（中文）").fill("重点客户月度检查");
  await drawer.getByLabel("名称（英文）").fill("Monthly key-customer inspection");
  await pick(page, "表单", /\(customer-compliance-inspection\)/);
  await pick(page, "流程", /\(inspection\)/);
  await expect(drawer.locator(".plans-tier")).toHaveText(["重点客户"]);
  await expect(drawer.locator(".plans-preview .ant-list-item")).toHaveCount(4);
  await expect(drawer.locator(".plans-preview").getByText(/到期/).first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "plans-editor");
  await expect(async () => {
    await drawer.getByRole("button", { name: "保存" }).click({ timeout: 2000 });
    await expect(page.locator(".plans-table tr", { hasText: "重点客户月度检查" }).first()).toBeVisible({ timeout: 10000 });
  }).toPass();
  const row = page.locator(".plans-table tr", { hasText: "重点客户月度检查" }).first();
  await expect(row).toBeVisible();
  await expect(row.getByText("FREQ=MONTHLY")).toBeVisible();
  await screenshots(page, "plans-list");
});

test("an admin enters a holiday in the calendar and removes it", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", "/plans/calendar");
  await expect(page.getByRole("heading", { level: 1, name: "节假日日历" })).toBeVisible();
  const year = new Date().getFullYear();
  await page.getByLabel("日期", { exact: true }).fill(`${year}-10-09`);
  await page.getByLabel("备注").fill("e2e 公司假日");
  await page.getByRole("button", { name: "添加" }).click();
  const row = page.locator("tr", { hasText: "e2e 公司假日" });
  await expect(row).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "plans-calendar");
  // The screenshots end by switching the language back, which renews the page: retry the click.
  await expect(async () => {
    await row.getByRole("button", { name: "删除" }).click({ timeout: 2000 });
    await expect(row).toHaveCount(0, { timeout: 2000 });
  }).toPass();
});
