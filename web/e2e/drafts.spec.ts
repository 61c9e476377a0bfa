import { expect, seedFor, signIn, test } from "./fixtures";

// Its own customers and auditor (tests/web_seed.py SCOPES).
const seed = seedFor("drafts");

test("a draft survives an offline spell and a reload", async ({ page, context }) => {
  await signIn(page, seed.logins.auditor, "/work");
  // Customer A's opened case (planned inspections not yet opened link to /work/fill).
  await page.getByRole("row", { name: new RegExp(seed.customers.A.name) }).locator('a[href^="/work/"]:not([href^="/work/fill"])').first().click();
  await page.getByRole("button", { name: "填写检查表" }).click();
  const path = new URL(page.url()).pathname + new URL(page.url()).search;
  await page.locator("#root_inspectors").fill(`${seed.names.auditor}、李四`);
  await expect(page.getByText(/自动保存在本设备/)).toBeVisible();

  const status = page.getByTestId("draft-status");
  const before = await status.getAttribute("data-saved-at");
  await context.setOffline(true);
  await expect(page.getByText("当前离线：更改保存在本设备，恢复连接后同步。")).toBeVisible();
  await page.locator("#root_customerName").fill(seed.customers.A.name);
  await expect(status).not.toHaveAttribute("data-saved-at", before ?? "");
  await expect(status).toContainText(/离线：已于 .* 保存在本设备/);
  // Submitting offline keeps everything and says why.
  await page.getByRole("button", { name: "提交" }).click();
  await context.setOffline(false);

  // A reload: tokens were in memory, so the user signs in again and returns to the form.
  await page.reload();
  await page.waitForURL(/\/oauth\/authorize/);
  await page.locator("#username").fill(seed.logins.auditor);
  await page.locator("#password").fill(seed.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname + url.search === path);
  // Back online the device's copy went to the server too, so either copy may be the one resumed.
  await expect(page.getByText(/已恢复您.*草稿/)).toBeVisible();
  await expect(page.locator("#root_inspectors")).toHaveValue(`${seed.names.auditor}、李四`);
  await expect(page.locator("#root_customerName")).toHaveValue(seed.customers.A.name);
});
