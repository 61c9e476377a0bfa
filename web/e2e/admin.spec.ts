import { expect, expectAccessible, screenshots, seed, signIn, test } from "./fixtures";

test("an admin creates a user, changes the role, deactivates and reactivates it; filters live in the URL", async ({ page }) => {
  await signIn(page, "admin", "/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toBeVisible();
  await expect(page.locator(".users-table").getByText("consultant", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-users");

  await page.getByRole("button", { name: "新建用户" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("用户名").fill("e2e-new-auditor");
  await dialog.getByLabel("姓名").fill("孙稽核");
  await dialog.getByLabel("初始密码（留空则生成一次性密码）").fill("Another-Passw0rd-2026");
  await dialog.getByRole("button", { name: "创建" }).click();
  await expect(page.getByText("已创建用户 e2e-new-auditor")).toBeVisible();

  // Search lands in the URL; a reload of that URL shows the same row.
  await page.getByRole("searchbox", { name: "搜索用户名或姓名" }).fill("e2e-new");
  await page.getByRole("searchbox", { name: "搜索用户名或姓名" }).press("Enter");
  await expect(page).toHaveURL(/q=e2e-new/);
  const row = page.locator(".users-table tr", { hasText: "e2e-new-auditor" });
  await expect(row).toBeVisible();
  await expect(page.getByText("共 1 个用户")).toBeVisible();

  // Role change through the keyboard-usable select.
  await page.getByRole("combobox", { name: "e2e-new-auditor 的角色" }).click();
  await page.locator(".ant-select-dropdown:visible").getByText("稽核经理", { exact: true }).click();
  await expect(page.getByText("已更新 e2e-new-auditor")).toBeVisible();
  await expect(row.getByTitle("稽核经理")).toBeVisible();

  await row.getByRole("button", { name: "停用" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await expect(row.getByText("已停用")).toBeVisible();
  await row.getByRole("button", { name: "重新启用" }).click();
  await expect(row.getByText("在用")).toBeVisible();
  await expectAccessible(page);
});

test("an admin grants a consultant read access until a date and revokes it", async ({ page }) => {
  // A consultant of this test's own, so the seeded consultant's grant stays as other tests expect.
  await signIn(page, "admin", "/admin/users");
  await page.getByRole("button", { name: "新建用户" }).click();
  const userDialog = page.getByRole("dialog");
  await userDialog.getByLabel("用户名").fill("e2e-grant-consultant");
  await userDialog.getByLabel("姓名").fill("钱顾问");
  await userDialog.getByLabel("角色").click();
  await page.locator(".ant-select-dropdown:visible").getByText("外部顾问", { exact: true }).click();
  await userDialog.getByRole("button", { name: "创建" }).click();
  await expect(page.getByText("已创建用户 e2e-grant-consultant")).toBeVisible();

  await page.getByRole("link", { name: "顾问授权" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "顾问授权" })).toBeVisible();
  await expect(page.locator(".grants-table").getByText("赵顾问")).toBeVisible();
  await page.getByRole("button", { name: "新建授权" }).click();
  const dialog = page.getByRole("dialog");
  // Every scope's consultant is in the list: find ours by typing, as an admin with many would.
  // Retried as a whole: under load the dialog may still be opening when the first keys arrive.
  const consultant = dialog.locator(".ant-form-item").filter({ hasText: "顾问" }).first();
  await expect(async () => {
    await dialog.getByLabel("顾问").fill("e2e-grant", { timeout: 2_000 });
    await page.locator(".ant-select-dropdown:visible").getByText("钱顾问 (e2e-grant-consultant)").click({ timeout: 2_000 });
    await expect(consultant).toContainText("钱顾问 (e2e-grant-consultant)", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await dialog.getByLabel("客户").click();
  await page.locator(".ant-select-dropdown:visible").getByText(`${seed.customers.B.name} (${seed.customers.B.code})`).click();
  await page.keyboard.press("Escape");
  await dialog.getByRole("button", { name: "授权" }).click();
  await expect(page.getByText("已授权", { exact: true })).toBeVisible();
  const row = page.locator(".grants-table tr", { hasText: "钱顾问" });
  await expect(row.getByText(seed.customers.B.name)).toBeVisible();
  await expect(row.getByText("有效")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-grants");

  await row.getByRole("button", { name: "撤销" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await expect(row.getByText("已撤销", { exact: true })).toBeVisible();
});
