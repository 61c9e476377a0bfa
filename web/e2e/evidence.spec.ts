import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { answerEveryChoice, expect, expectAccessible, go, screenshots, seedFor, signIn, test } from "./fixtures";

// Its own customers, auditor and manager (tests/web_seed.py SCOPES): no other spec moves this case.
const seed = seedFor("evidence");
const here = dirname(fileURLToPath(import.meta.url));
const photo = resolve(here, "files/site-photo.png");
const shots = resolve(here, "../test-results/screenshots");
const CAPTION = "仓库消防通道现场照片";

/** The header fields and every checklist item answered with its first option (compliant). */
async function answerChecklist(page: Page) {
  await page.locator("#root_customerRef").fill(seed.customers.A.code);
  await page.locator("#root_customerName").fill(seed.customers.A.name);
  const date = page.locator("#root_inspectionDate");
  await date.click();
  await date.fill(new Date().toISOString().slice(0, 10));
  await date.press("Enter");
  await page.locator("#root_inspectors").fill(seed.names.auditor);
  await answerEveryChoice(page);
}

/** A captioned photo from a file (the camera input takes files too). */
async function attachPhoto(page: Page) {
  const field = page.locator(".attachment-field", { has: page.locator("#root_sitePhotos") });
  await field.getByRole("textbox", { name: "照片说明（可选）" }).fill(CAPTION);
  await page.locator("#root_sitePhotos").setInputFiles(photo);
  await expect(field.locator(".attachment-item")).toHaveCount(1, { timeout: 30_000 });
  await expect(field.getByText(CAPTION)).toBeVisible();
}

/** A signature drawn with the mouse on the canvas, then saved (uploaded). */
async function sign(page: Page) {
  const canvas = page.getByTestId("signature-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no signature canvas");
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 12; step += 1) {
    await page.mouse.move(box.x + 20 + step * 15, box.y + box.height / 2 + (step % 2 ? -15 : 15), { steps: 3 });
  }
  await page.mouse.up();
  await page.getByRole("button", { name: "保存签名" }).click();
  const field = page.locator(".attachment-field", { hasText: "客户确认签名" });
  await expect(field.locator(".attachment-item")).toHaveCount(1, { timeout: 30_000 });
}

async function submitAndSeeScore(page: Page) {
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect(page.getByRole("heading", { name: "已提交" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("score-percent")).toContainText("%");
}

test("evidence: an inspection with a photo and a signature is returned, corrected, approved and reported", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, seed.logins.auditor, "/work");
  await page.getByRole("row", { name: new RegExp(seed.customers.A.name) }).locator('a[href^="/work/"]:not([href^="/work/fill"])').first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const taskPath = new URL(page.url()).pathname;
  const caseId = taskPath.split("/").pop() ?? "";
  await page.getByRole("button", { name: "填写检查表" }).click();

  // One question answered invalidly: the Chinese error on that field; then fixed.
  const ref = page.locator("#root_customerRef");
  await ref.fill("X".repeat(70));
  await ref.blur();
  const fieldError = page.locator("#root_customerRef__error");
  await expect(fieldError).toContainText("长度不能超过 64 个字符");
  await answerChecklist(page);
  await expect(fieldError).toHaveCount(0);

  await attachPhoto(page);
  await sign(page);
  await expectAccessible(page); // the form with its photo, caption and signature fields
  await screenshots(page, "evidence-filled");
  await submitAndSeeScore(page);

  // The manager returns it with a comment.
  const managerContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const manager = await managerContext.newPage();
  await signIn(manager, seed.logins.manager, `/review/${caseId}`);
  await manager.getByRole("button", { name: "开始复核" }).click();
  await expect(manager.getByRole("button", { name: "退回更正" })).toBeVisible();
  await manager.getByRole("textbox", { name: "复核意见（退回时必填）" }).fill("请补充现场照片的拍摄位置说明");
  await manager.getByRole("button", { name: "退回更正" }).click();
  await expect(manager.getByText("请补充现场照片的拍摄位置说明")).toBeVisible();

  // The auditor sees the return, corrects the checklist and hands it in again.
  await go(page, "/work");
  await go(page, taskPath);
  await expect(page.getByText("请补充现场照片的拍摄位置说明")).toBeVisible();
  await page.getByRole("button", { name: "填写检查表" }).click();
  // The correction starts from what was handed in: answers, the photo and the signature stay.
  await expect(page.locator("#root_inspectors")).toHaveValue(seed.names.auditor);
  const photos = page.locator(".attachment-field", { has: page.locator("#root_sitePhotos") });
  await expect(photos.locator(".attachment-item")).toHaveCount(1, { timeout: 30_000 });
  await page.locator("#root_overallRemarks").fill("照片摄于一号仓库东侧消防通道。");
  await submitAndSeeScore(page);

  // The manager approves the corrected inspection.
  await manager.reload();
  await manager.waitForURL(/\/oauth\/authorize/);
  await manager.locator("#username").fill(seed.logins.manager);
  await manager.locator("#password").fill(seed.password);
  await manager.locator('button[type="submit"]').click();
  await manager.waitForURL((url) => url.pathname === `/review/${caseId}`);
  await manager.getByRole("button", { name: "开始复核" }).click();
  await manager.getByRole("button", { name: "批准", exact: true }).click();
  await expect(manager.getByText("已批准").first()).toBeVisible();
  await managerContext.close();

  // The report is rendered by a job: the case page lists it once done; it downloads as a PDF
  // with the customer's name and the photo's caption in it.
  // The report in Chinese (the case also has one in English).
  const downloadButton = page.locator(".ant-list-item", { hasText: "zh-CN" }).getByRole("button", { name: "下载 PDF" });
  await expect(async () => {
    await go(page, "/work");
    await go(page, taskPath);
    await expect(downloadButton.first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 150_000, intervals: [2_000] });
  await expectAccessible(page); // the case page: history, steps, reports
  await screenshots(page, "evidence-case");
  const [download] = await Promise.all([page.waitForEvent("download"), downloadButton.first().click()]);
  // Kept with the screenshots (an artifact, not committed) so the report can be looked at.
  const file = join(shots, "evidence-report.pdf");
  mkdirSync(shots, { recursive: true });
  await download.saveAs(file);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(text).toContain(seed.customers.A.name);
  expect(text).toContain(CAPTION);
});
