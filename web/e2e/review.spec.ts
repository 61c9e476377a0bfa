import { expect, expectAccessible, screenshots, seedFor, signIn, test } from "./fixtures";

// Its own customers, auditor and manager (tests/web_seed.py SCOPES): B's case waits for review.
const seed = seedFor("review");

test("a manager reviews: queue, workload, overdue; a conflict is explained; return needs a comment", async ({ page, browser }) => {
  await signIn(page, seed.logins.manager, "/review");
  await expect(page.getByRole("heading", { level: 1, name: "复核与团队" })).toBeVisible();
  const queue = page.locator(".review-queue");
  await expect(queue.getByRole("link", { name: seed.customers.B.name, exact: true })).toBeVisible();
  // The seeded review is a day overdue: it is also in the overdue list, and the auditor's row counts it.
  await expect(page.locator(".attention").getByRole("link", { name: seed.customers.B.name, exact: true })).toBeVisible();
  const auditorRow = page.locator(".team-workload tr", { hasText: seed.names.auditor });
  await expect(auditorRow).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "review-overview");

  await queue.getByRole("link", { name: `复核: ${seed.customers.B.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("已提交").first()).toBeVisible();
  // The fast-track approval is refused here, with the workflow's reason on screen.
  await expect(page.locator(".refusal").first()).toContainText("80");
  const startReview = page.getByRole("button", { name: "开始复核" });
  await expect(startReview).toBeEnabled();

  // Someone else starts the review meanwhile (a second signed-in manager session).
  const other = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const otherPage = await other.newPage();
  await signIn(otherPage, seed.logins.manager, page.url().replace(/^https?:\/\/[^/]+/, ""));
  await otherPage.getByRole("button", { name: "开始复核" }).click();
  await expect(otherPage.getByRole("button", { name: "退回更正" })).toBeVisible();
  await other.close();

  await page.getByRole("textbox", { name: "复核意见（退回时必填）" }).fill("请补充整改期限");
  await startReview.click();
  await expect(page.locator(".decision-problem")).toContainText("其他人已处理了这项工作");
  // The page refreshed to the new state; the typed comment is kept.
  await expect(page.getByRole("button", { name: "退回更正" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "复核意见（退回时必填）" })).toHaveValue("请补充整改期限");
  await expectAccessible(page);
  await screenshots(page, "review-conflict");

  await page.getByRole("button", { name: "退回更正" }).click();
  await expect(page.getByText("退回更正").first()).toBeVisible();
  await expect(page.getByText("请补充整改期限")).toBeVisible(); // in the history now
  await expect(page.locator(".decision-problem")).toHaveCount(0);
});
