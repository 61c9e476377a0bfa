import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, go, screenshots, seedFor, signIn, switchLanguage, test } from "./fixtures";

// Its own customers and people (tests/web_seed.py SCOPES "case-page"): the auditor's inspection
// of customer A was submitted with two captioned photos, a signature and a PDF
// (tests/web_seed_case_page.py); nothing else changes it, and this spec only reads.
const seed = seedFor("case-page") as ReturnType<typeof seedFor> & {
  casePage: { case: string; photos: string[]; file: { caption: string; name: string } };
};
const { casePage } = seed;

/** The evidence's thumbnails: every one drawn from its bytes (fetched with the bearer token). */
async function expectThumbnails(scope: Locator) {
  for (const caption of casePage.photos) {
    const item = scope.locator(".evidence-item", { hasText: caption });
    await expect(item).toBeVisible({ timeout: 30_000 });
    const image = item.locator("img");
    await expect(image).toHaveAttribute("src", /^blob:/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }
  // The drawn signature is shown too, called what it is.
  await expect(scope.locator(".evidence-item", { hasText: "签名" })).toBeVisible();
}

/** Opening a thumbnail shows the full image (640 px wide, larger than its thumbnail). */
async function expectFullImage(page: Page, scope: Locator) {
  await scope.locator(".evidence-item", { hasText: casePage.photos[0] }).locator("img").click();
  const preview = page.locator(".ant-image-preview-img").first();
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(640);
  await page.keyboard.press("Escape");
  await expect(page.locator(".ant-image-preview-img")).toHaveCount(0);
}

test("the case page shows the answers' photos and files, and names who took each step", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // The auditor who filed it: thumbnails with captions, the full image, the PDF as a download.
  await signIn(page, seed.logins.auditor, `/work/${casePage.case}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const evidence = page.locator(".ant-card", { has: page.getByRole("heading", { name: "照片与附件" }) });
  await expectThumbnails(evidence);
  await expectFullImage(page, evidence);
  const [file] = await Promise.all([page.waitForEvent("download"), evidence.getByRole("button", { name: casePage.file.caption }).click()]);
  expect(file.suggestedFilename()).toBe(casePage.file.name);

  // History: the system opened the inspection, the auditor (by name and role) handed it in.
  const history = page.locator(".ant-card", { has: page.getByRole("heading", { name: "处理记录" }) });
  await expect(history.locator(".history-actor").first()).toHaveText("系统");
  await expect(history.locator(".history-actor", { hasText: `${seed.names.auditor}（稽核员）` }).first()).toBeVisible();
  await expect(page.getByText(/user:/)).toHaveCount(0);
  await switchLanguage(page, "en");
  const historyEn = page.locator(".ant-card", { has: page.getByRole("heading", { name: "History" }) });
  await expect(historyEn.locator(".history-actor").first()).toHaveText("System");
  await expect(historyEn.locator(".history-actor", { hasText: `${seed.names.auditor} (auditor)` }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Photos and files" })).toBeVisible();
  await switchLanguage(page, "zh-CN");
  await expectAccessible(page);
  await screenshots(page, "case-page-auditor");

  // The customer's user sees the same case of their own company, with the staff named; the
  // checklist the auditor filed is not theirs to read (the submissions' row scope: a customer
  // sees their own submissions and the forms offered to them), so neither are its files.
  const customerContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const customer = await customerContext.newPage();
  await signIn(customer, seed.logins.customer, `/portal/cases/${casePage.case}`);
  await expect(customer.getByRole("heading", { level: 1 })).toBeVisible();
  // The staff's own steps are not offered to them, not even greyed out.
  await expect(customer.getByRole("button", { name: "开始复核" })).toHaveCount(0);
  await expect(customer.locator(".history-actor", { hasText: `${seed.names.auditor}（稽核员）` }).first()).toBeVisible();
  await expect(customer.getByText(/user:/)).toHaveCount(0);
  await expect(customer.getByRole("heading", { name: "照片与附件" })).toHaveCount(0);
  await expectAccessible(customer);
  await screenshots(customer, "case-page-customer");
  await customerContext.close();

  // The consultant (granted A only) opens A's submission on its customer page; B is not there.
  const consultantContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const consultant = await consultantContext.newPage();
  await signIn(consultant, seed.logins.consultant, `/customers/${seed.customers.A.code}`);
  await expect(consultant.getByRole("heading", { level: 1, name: seed.customers.A.name })).toBeVisible();
  const submissions = consultant.locator(".ant-card", { has: consultant.getByRole("heading", { name: "提交记录" }) });
  await submissions.locator(".ant-table-row-expand-icon").first().click();
  await expectThumbnails(submissions);
  await expectFullImage(consultant, submissions);
  await expectAccessible(consultant);
  await screenshots(consultant, "case-page-consultant");
  await go(consultant, `/customers/${seed.customers.B.code}`);
  await expect(consultant.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
  await expect(consultant.getByText(seed.customers.B.name)).toHaveCount(0);
  await consultantContext.close();
});
