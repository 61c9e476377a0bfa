import { expect, go, expectAccessible, screenshots, seedFor, signIn, test } from "./fixtures";

// Its own customers and users (tests/web_seed.py SCOPES): nobody else adds to this auditor's
// work or notifications while the bell is counted.
const seed = seedFor("shell");

test("an auditor signs in through the real sign-in page and lands on My work", async ({ page }) => {
  await signIn(page, seed.logins.auditor, "/");
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByRole("heading", { level: 1, name: "我的工作" })).toBeVisible();
  await expect(page.getByRole("link", { name: seed.customers.A.name }).or(page.getByText(seed.customers.A.name)).first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "my-work");
});

test("the language switch is remembered and sent to the server", async ({ page }) => {
  await signIn(page, seed.logins.auditor, "/work");
  const request = page.waitForRequest((r) => r.url().endsWith("/graphql") && r.headers()["accept-language"] === "en");
  await page.locator(".shell-header .ant-segmented").getByText("English", { exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My work" })).toBeVisible();
  await page.getByRole("switch").click(); // any query after the switch carries the language
  await request;
  expect(await page.evaluate(() => window.localStorage.getItem("auditportal.language"))).toBe("en");
});

test("unknown routes show the 404 page and a role's forbidden page shows 403", async ({ page }) => {
  await signIn(page, seed.logins.customer, "/no/such/page");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await go(page, "/work");
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await screenshots(page, "error-403");
});


test("the bell lists the caller's notifications and marks them read", async ({ page }) => {
  await signIn(page, seed.logins.auditor, "/work");
  const bell = page.getByTestId("notification-bell");
  await bell.click();
  await expect(page.locator(".bell-panel").getByText("通知", { exact: true })).toBeVisible();
  const markAll = page.getByRole("button", { name: "全部标为已读" });
  if (await markAll.isEnabled()) {
    await markAll.click();
    await expect(markAll).toBeDisabled();
  }
  await expect(bell).toHaveAccessibleName("通知（0 条未读）");
  await screenshots(page, "notifications");
});

test("My work filters by kind through the URL", async ({ page }) => {
  await signIn(page, seed.logins.auditor, "/work");
  await page.locator(".work-kinds").getByText(/^任务/).click();
  await expect(page).toHaveURL(/kind=TASK/);
  await page.locator(".work-kinds").getByText(/^全部/).click();
  await expect(page).not.toHaveURL(/kind=/);
});
