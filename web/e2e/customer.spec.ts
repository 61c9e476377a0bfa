import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, signIn, test } from "./fixtures";

async function choose(page: Page, id: string) {
  const field = page.locator(".ant-form-item").filter({ has: page.locator(`#${id}`) }).last();
  await field.locator(".ant-select").click();
  const option = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").nth(1); // the first is "none"
  await option.click();
  await expect(field.locator(".ant-select")).not.toHaveText("");
}

test("a customer files a complaint and follows its status", async ({ page }) => {
  await signIn(page, "customer", "/");
  await expect(page).toHaveURL(/\/portal\/forms$/);
  await expectAccessible(page);
  await screenshots(page, "portal-forms");
  await page.getByRole("link", { name: "客户投诉登记表" }).click();
  await expect(page.locator("#root_intake_receivedBy")).toBeVisible();

  await choose(page, "root_intake_channel");
  const received = page.locator("#root_intake_receivedAt");
  await received.click();
  await received.fill("2026-12-01 09:30:00");
  await received.press("Enter");
  await page.locator("#root_intake_receivedBy").fill("张客户");
  await page.locator("#root_complainant_name").fill("张客户");
  await choose(page, "root_details_category");
  await page.locator("#root_details_severity .ant-radio-wrapper").first().click();
  await page.locator("#root_details_subject").fill("发票金额与合同不符");
  await page.locator("#root_details_description").fill("十一月发票金额比合同约定多出一千二百元，请核实并更正。");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: "已提交" })).toBeVisible();

  await page.getByRole("button", { name: /查看处理进度/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".ant-descriptions .tag-info")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "portal-case");
  await page.getByRole("complementary").getByRole("link", { name: "我的提交" }).click();
  await expect(page.getByRole("link", { name: "客户投诉登记表" })).toBeVisible();
});
