import { expect, go, expectAccessible, screenshots, seed, signIn, test } from "./fixtures";

test("a manager filters the customer list by URL and opens a customer's page", async ({ page }) => {
  await signIn(page, "manager", "/customers");
  await expect(page.getByRole("heading", { level: 1, name: "客户" })).toBeVisible();
  await expect(page.getByRole("link", { name: seed.customers.A.name })).toBeVisible();
  await expect(page.getByRole("link", { name: seed.customers.B.name })).toBeVisible();
  // The region filter lands in the URL and narrows the list.
  await page.getByRole("searchbox", { name: "地区" }).fill("华北");
  await page.getByRole("searchbox", { name: "地区" }).press("Enter");
  await expect(page).toHaveURL(/region=%E5%8D%8E%E5%8C%97/);
  await expect(page.getByRole("link", { name: seed.customers.A.name })).toHaveCount(0);
  await expect(page.getByRole("link", { name: seed.customers.B.name })).toBeVisible();
  // A shared link with filters shows the same rows.
  await go(page, `/customers?q=${seed.customers.A.code}&region=%E5%8D%8E%E4%B8%9C`);
  await expect(page.getByRole("link", { name: seed.customers.A.name })).toBeVisible();
  await expect(page.getByRole("link", { name: seed.customers.B.name })).toHaveCount(0);
  await expect(page.getByRole("searchbox", { name: "搜索名称或编码" })).toHaveValue(seed.customers.A.code);
  // The tier filter from the URL drives the select (an unknown tier is ignored).
  await go(page, "/customers?tier=bogus");
  await expect(page.getByRole("link", { name: seed.customers.B.name })).toBeVisible();
  await go(page, "/customers?tier=HIGH_RISK&q=NO-SUCH");
  await expect(page.getByText("高风险客户")).toBeVisible();
  await expect(page.getByText("没有符合条件的客户。")).toBeVisible();
  await page.getByRole("button", { name: "清除筛选" }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole("link", { name: seed.customers.B.name })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "customers-list");

  await page.getByRole("link", { name: seed.customers.B.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: seed.customers.B.name })).toBeVisible();
  await expect(page.getByRole("cell", { name: "回款逾期 60 天" })).toBeVisible();
  await expect(page.getByText("现场拜访财务负责人，确认回款计划。")).toBeVisible();
  // The heat map counts the open risk at likelihood 4, impact 4.
  await expect(page.locator('td[aria-label="可能性 4，影响 4：1 项"]')).toHaveAttribute("data-count", "1");
  await expect(page.locator(".heat-map td[data-count='1']")).toHaveCount(2);
  await expect(page.getByRole("heading", { name: "检查日历" })).toBeVisible();
  await expect(page.locator(".inspection-calendar tbody tr.ant-table-row").first()).toBeVisible();
  await expect(page.getByText("BBB").first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "customer-page");
});

test("a consultant sees the granted customer only, read-only with the grant's expiry", async ({ page }) => {
  await signIn(page, "consultant", "/");
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByText("只读访问")).toBeVisible();
  await expect(page.getByText(/授权到期：\d{4}-\d{2}-\d{2}/)).toBeVisible();
  await expect(page.getByRole("link", { name: seed.customers.A.name })).toBeVisible();
  await expect(page.getByText(seed.customers.B.name)).toHaveCount(0);
  await expect(page.getByText("共 1 位客户")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "consultant-customers");
  // The other customer's page answers "not found", the same as a missing one.
  await go(page, `/customers/${seed.customers.B.code}`);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByText(seed.customers.B.name)).toHaveCount(0);
  await go(page, `/customers/${seed.customers.A.code}`);
  await expect(page.getByRole("heading", { level: 1, name: seed.customers.A.name })).toBeVisible();
  await expect(page.getByText("只读访问")).toBeVisible();
  await expect(page.getByRole("heading", { name: "检查日历" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, "consultant-customer");
});
