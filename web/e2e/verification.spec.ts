import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, expectAccessible, screenshots, signIn, test } from "./fixtures";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// One submission of the spec's own (tests/web_seed_verification.py), made by the auditor; the
// four-eyes draw hands it to another auditor, who verifies it.
function seedRun(...args: string[]): string {
  return execFileSync(join(repo, ".venv/bin/python"), ["-m", "tests.web_seed_verification", ...args], {
    cwd: repo,
    env: { ...process.env, AUDITPORTAL_DATA_DIR: process.env.E2E_DATA_DIR ?? "", AUDITPORTAL_REDIS_URL: "" },
    encoding: "utf8",
  });
}

const lastLine = (output: string) => JSON.parse(output.trim().split("\n").pop() ?? "{}");

function seedSubmission(): { form: string; customer: string } {
  return lastLine(seedRun());
}

/** Whom the four-eyes draw chose (any active auditor but the submitter, by turn). */
function drawnVerifier(): string {
  return (lastLine(seedRun("verifier")) as { username: string }).username;
}

test("a manager plans and draws a sample, another auditor verifies it; the accuracy table shows the result", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const seeded = seedSubmission();
  const month = new Date().toISOString().slice(0, 7);

  await signIn(page, "manager", "/verification/plans");
  await expect(page.getByRole("heading", { level: 1, name: "抽检计划" })).toBeVisible();
  await page.getByRole("button", { name: "新建计划" }).click();
  const editor = page.getByRole("dialog");
  await editor.getByLabel("名称").fill("月度数据抽检");
  await editor.getByRole("combobox", { name: "表单" }).click();
  await page.locator(".ant-select-item-option").filter({ hasText: seeded.form }).first().click();
  await editor.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("计划已保存。")).toBeVisible();

  const row = page.locator(".ant-table-row").filter({ hasText: "月度数据抽检" });
  await row.getByRole("button", { name: "抽样" }).click();
  const drawDialog = page.getByRole("dialog");
  await drawDialog.getByLabel("期间").fill(month);
  await drawDialog.getByRole("button", { name: "抽样" }).click();
  await expect(page.getByText(/已抽取 1 条/)).toBeVisible();
  await screenshots(page, "verification-plans");

  const verifierContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const verifier = await verifierContext.newPage();
  await signIn(verifier, drawnVerifier(), "/work");
  await verifier.locator(".ant-menu").getByText("我的复核", { exact: true }).click();
  await expect(verifier.getByRole("heading", { level: 1, name: "我的复核" })).toBeVisible();
  await verifier.locator(".ant-table-row").first().getByRole("button", { name: "复核" }).click();
  await expect(verifier.getByRole("heading", { level: 1, name: "复核提交记录" })).toBeVisible();
  await expect(verifier.getByText(seeded.customer)).toBeVisible();
  const signed = verifier.getByRole("radiogroup", { name: /Signed/ });
  await signed.getByText("有差异").click();
  await verifier.getByRole("textbox", { name: /核实值: .*Signed/ }).fill("no");
  await verifier.getByRole("textbox", { name: /原因: .*Signed/ }).fill("现场未见签字合同");
  await expectAccessible(verifier);
  await screenshots(verifier, "verification-verify");
  await verifier.getByRole("button", { name: "提交复核结果" }).click();
  await expect(verifier.getByText("复核结果已记录。")).toBeVisible();
  await expect(verifier.getByRole("button", { name: "据此发起更正" })).toBeVisible();
  await verifierContext.close();

  await page.locator(".ant-menu").getByText("数据准确率", { exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "数据准确率" })).toBeVisible();
  const accuracy = page.locator(".ant-table-row").filter({ hasText: seeded.form });
  // Six fields checked, one discrepancy: 5 / 6.
  await expect(accuracy).toContainText("83.3 %");
  await expectAccessible(page);
  await screenshots(page, "verification-accuracy");
});
