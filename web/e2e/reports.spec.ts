import { expect, expectAccessible, screenshots, seedFor, signIn, test } from "./fixtures";

// Its own manager (tests/web_seed.py SCOPES): the first row of their reports is this request.
const seed = seedFor("reports");

test("a manager requests a period summary and sees it rendered in their reports", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, seed.logins.manager, "/my-reports");
  await expect(page.getByRole("heading", { level: 1, name: "我的报告" })).toBeVisible();
  await page.getByRole("combobox", { name: "报告类型" }).click();
  await page.getByTitle("期间汇总").click();
  await page.getByRole("button", { name: "申请" }).click();
  await expect(page.getByText("已提交申请")).toBeVisible();
  const row = page.locator(".ant-table-row").first();
  await expect(row).toContainText("期间汇总");
  // The embedded job runner renders it; the list polls until it is done.
  await expect(row.getByText("已完成")).toBeVisible({ timeout: 120_000 });
  await expect(row.getByRole("button", { name: /下载/ })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "reports-mine");
});
