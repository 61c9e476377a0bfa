import type { Page } from "@playwright/test";
import { answerEveryChoice, expect, expectAccessible, screenshots, seedFor, signIn, test } from "./fixtures";

// Its own customers and auditor (tests/web_seed.py SCOPES): no other spec sees this case.
const seed = seedFor("auditor");

/** Answers every checklist item with its first option (compliant) and the header fields. */
async function answerChecklist(page: Page) {
  await page.locator("#root_customerName").fill(seed.customers.A.name);
  const date = page.locator("#root_inspectionDate");
  await date.click();
  await date.fill(new Date().toISOString().slice(0, 10));
  await date.press("Enter");
  await page.locator("#root_inspectors").fill(seed.names.auditor);
  await answerEveryChoice(page);
}

test("an auditor opens an assigned inspection, sees a Chinese error on the field, fixes it and submits", async ({ page }) => {
  await signIn(page, seed.logins.auditor, "/work");
  // Customer A's planned inspection case (My work names it after its plan).
  await page.getByRole("row", { name: new RegExp(seed.customers.A.name) }).locator('a[href^="/work/"]:not([href^="/work/fill"])').first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "填写检查表" }).click();
  await expect(page.locator("#root_customerRef")).toBeVisible();
  await screenshots(page, "fill-checklist", async () => {
    await expect(page.locator("#root_customerRef")).toBeVisible();
  });

  // Invalid: longer than the schema allows; the browser says so on the field, in Chinese.
  const ref = page.locator("#root_customerRef");
  await ref.fill("X".repeat(70));
  await ref.blur();
  // The field's own message (antd links it to the input through aria-describedby).
  const fieldError = page.locator("#root_customerRef__error");
  await expect(fieldError).toContainText("长度不能超过 64 个字符");
  await ref.fill(seed.customers.A.code);
  await ref.blur();
  await expect(fieldError).toHaveCount(0);

  await answerChecklist(page);
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: "已提交" })).toBeVisible();
  await expect(page.getByTestId("score-percent")).toContainText("%");
  await expectAccessible(page);
  await screenshots(page, "submitted");
});
