import { expect, expectAccessible, screenshots, signIn, test } from "./fixtures";

// Row 1 is the header: rows 2 and 3 are new customers, row 4 has a bad email address.
const CSV = ["客户编码,客户名称,地区,邮箱", "IMP901,导入测试甲公司,苏州,a@example.cn", "IMP902,导入测试乙公司,无锡,", "IMP903,导入测试丙公司,常州,bad-email"].join("\n");

test("an admin imports a CSV: maps columns, sees the rejected row's reason in the dry run, commits to done", async ({ page }) => {
  await signIn(page, "admin", "/admin/imports");
  await expect(page.getByRole("heading", { level: 1, name: "客户导入" })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-import-upload");

  await page.locator('.ant-upload input[type="file"]').setInputFiles({ name: "e2e-customers.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
  await expect(page).toHaveURL(/import=/);
  // The mapping is suggested from the headers.
  const mapping = page.locator(".import-mapping");
  await expect(mapping.getByRole("combobox", { name: "列 客户编码 导入到" })).toBeVisible();
  await expect(mapping.locator("tr", { hasText: "邮箱" }).getByTitle("联系邮箱")).toBeVisible();
  await screenshots(page, "admin-import-mapping");
  await page.getByRole("button", { name: "保存对应并试运行" }).click();

  // Dry run: two created, one rejected with its reason; nothing written yet.
  const rejections = page.locator(".import-rejections");
  await expect(rejections.getByText("第 4 行：邮箱地址无效：bad-email。")).toBeVisible();
  const counts = page.locator(".import-counts");
  await expect(counts.locator(".ant-statistic", { hasText: "新建" })).toContainText("2");
  await expect(counts.locator(".ant-statistic", { hasText: "拒绝" })).toContainText("1");
  await expectAccessible(page);
  await screenshots(page, "admin-import-dry-run");

  await page.getByRole("button", { name: "正式导入" }).click();
  const progress = page.locator(".import-progress");
  await expect(progress.getByText("导入完成")).toBeVisible();
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await screenshots(page, "admin-import-done");

  // The import is in the history; the customers exist.
  await expect(page.locator(".imports-table tr", { hasText: "e2e-customers.csv" })).toContainText("新建 2");
  await page.getByRole("link", { name: "客户", exact: true }).click();
  await page.getByRole("searchbox", { name: /搜索/ }).fill("导入测试");
  await page.getByRole("searchbox", { name: /搜索/ }).press("Enter");
  await expect(page.getByText("导入测试甲公司")).toBeVisible();
  await expect(page.getByText("导入测试丙公司")).toHaveCount(0);
});

test("job runs list the import jobs with progress; filters live in the URL", async ({ page }) => {
  await signIn(page, "admin", "/admin/jobs");
  await expect(page.getByRole("heading", { level: 1, name: "后台任务" })).toBeVisible();
  await page.getByRole("combobox", { name: "状态" }).click();
  await page.locator(".ant-select-dropdown:visible").getByText("已完成", { exact: true }).click();
  await expect(page).toHaveURL(/status=SUCCEEDED/);
  await expect(page.locator(".ant-select-dropdown:visible")).toHaveCount(0);
  await expect(page.locator(".jobs-table tr", { hasText: "import" }).first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-jobs");
});
