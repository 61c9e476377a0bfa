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

test("an admin edits the classification rules, previews the tiers, sees errors with their paths, and saves", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", "/plans/classification");
  await expect(page.getByRole("heading", { level: 1, name: "客户分级规则" })).toBeVisible();
  const counts = page.locator(".plans-counts");
  await expect(counts.locator("tbody tr")).toHaveCount(3);
  const keyRow = counts.locator("tbody tr", { hasText: "重点客户" });
  const before = await keyRow.locator("td").nth(2).innerText();
  // Every customer with any volume becomes key under the draft: the preview follows.
  const threshold = page.getByLabel("重点客户规则第 1 个条件的值");
  const original = await threshold.inputValue();
  await threshold.fill("0");
  await expect(page.getByText(/个将改变分级/)).toBeVisible();
  await expect(async () => expect(await keyRow.locator("td").nth(2).innerText()).not.toBe(before)).toPass();
  await expectAccessible(page);
  await screenshots(page, "plans-rules");

  // JSON the server refuses: the error names the rule it is in.
  await page.getByRole("button", { name: "以 JSON 编辑" }).nth(1).click();
  await page.getByLabel("重点客户规则（JsonLogic）").fill('{"nope": [1]}');
  await expect(page.locator(".plans-errors li").first()).toContainText("重点客户规则");

  // Back to the rules in force (saving them changes no customer's tier), with a note.
  await page.getByLabel("重点客户规则（JsonLogic）").fill(`{">=": [{"var": "transactionVolume"}, ${original.replace(/,/g, "")}]}`);
  await page.getByRole("button", { name: "回到选择器" }).click();
  await page.getByLabel("修改说明（可选）").fill("e2e: unchanged rules");
  await page.getByRole("button", { name: "保存并重新分级" }).click();
  await expect(page.getByText(/已保存第 \d+ 版/)).toBeVisible();
  await expect(page.locator(".plans-preview").getByText("e2e: unchanged rules")).toBeVisible();
});

test("an admin creates and edits a communication plan with its next dates", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", "/plans/communications");
  await expect(page.getByRole("heading", { level: 1, name: "沟通计划" })).toBeVisible();
  await page.getByRole("button", { name: "新建沟通计划" }).click();
  const editor = page.locator(".plans-editor");
  await editor.getByLabel("名称", { exact: true }).fill("e2e 重点客户季度拜访");
  await page.getByRole("combobox", { name: "负责人", exact: true }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option:visible").first().click();
  // Only customers with this tag too: none, so the plan creates no customer's task.
  await page.getByRole("combobox", { name: "目标标签（回车添加）" }).fill("e2e-nobody");
  await page.keyboard.press("Enter");
  await expect(editor.locator(".plans-preview .ant-list-item")).toHaveCount(4);
  await expect(editor.locator(".plans-preview").getByText("所有客户")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "plans-communications-editor");
  await expect(async () => {
    await page.locator(".plans-editor").getByRole("button", { name: "保存" }).click({ timeout: 2000 });
    await expect(page.locator(".plans-table tr", { hasText: "e2e 重点客户季度拜访" }).first()).toBeVisible({ timeout: 10000 });
  }).toPass();
  const row = page.locator(".plans-table tr", { hasText: "e2e 重点客户季度拜访" }).first();
  await expect(row.getByText("每 1 个季度")).toBeVisible();
  await expect(row.getByText("#e2e-nobody")).toBeVisible();
  await row.getByRole("button", { name: "编辑" }).click();
  await page.getByRole("combobox", { name: "渠道", exact: true }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option:visible").getByText("电话", { exact: true }).click();
  await page.locator(".plans-editor").getByRole("button", { name: "保存" }).click();
  await expect(page.locator(".plans-table tr", { hasText: "e2e 重点客户季度拜访" }).first().getByText("电话")).toBeVisible();
  await screenshots(page, "plans-communications");
});
