import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshots, signIn, switchLanguage, test, type Language } from "./fixtures";

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

// The reassignment spec's own world (tests/web_seed_verification.py pool): auditors vpool-a
// and vpool-b in team e2e-pool, vpool-c outside it; one submission by vpool-a.
interface PoolSeed {
  form: string;
  customer: string;
  team: string;
  a: string;
  b: string;
  c: string;
  aName: string;
  bName: string;
  cName: string;
}

const SHOTS = "/tmp/shots-verify";
const TABLET_SIZES = [
  { name: "768x1024", width: 768, height: 1024 },
  { name: "1024x768", width: 1024, height: 768 },
] as const;

/** Screenshots of a dialog in both languages: the language is switched with the dialog closed. */
async function dialogShots(page: Page, name: string, open: (language: Language) => Promise<void>, close: () => Promise<void>) {
  mkdirSync(SHOTS, { recursive: true });
  for (const language of ["zh-CN", "en"] as const) {
    await switchLanguage(page, language);
    await open(language);
    for (const size of TABLET_SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(SHOTS, `${name}.${language}.${size.name}.png`), fullPage: true });
    }
    await close();
  }
  await page.setViewportSize({ width: 1024, height: 768 });
  await switchLanguage(page, "zh-CN");
}

test("a plan's verifier team is honoured, the verifier finds it in My work, a manager reassigns it", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const pool = lastLine(seedRun("pool")) as PoolSeed;
  const month = new Date().toISOString().slice(0, 7);
  const planName = "团队抽检计划";

  await signIn(page, "manager", "/verification/plans");
  await expect(page.getByRole("heading", { level: 1, name: "抽检计划" })).toBeVisible();
  await page.getByRole("button", { name: "新建计划" }).click();
  const editor = page.getByRole("dialog");
  await editor.getByLabel("名称").fill(planName);
  await editor.getByRole("combobox", { name: "表单" }).click();
  await page.locator(".ant-select-item-option").filter({ hasText: pool.form }).first().click();
  await editor.getByRole("combobox", { name: "复核团队" }).click();
  await page.locator(".ant-select-item-option").filter({ hasText: pool.team }).click();
  await expect(page.locator(".verification-pool")).toContainText(`将由以下人员复核：${pool.aName}、${pool.bName}`);
  await editor.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("计划已保存。")).toBeVisible();

  const row = page.locator(".ant-table-row").filter({ hasText: planName });
  await expect(row).toContainText(`${pool.aName}、${pool.bName}`);
  const editLabel = { "zh-CN": "编辑", en: "Edit" } as const;
  await dialogShots(
    page,
    "verification-plan-pool",
    async (language) => {
      await row.getByRole("button", { name: editLabel[language] }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
    },
    async () => {
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
    },
  );

  await row.getByRole("button", { name: "抽样" }).click();
  const drawDialog = page.getByRole("dialog");
  await drawDialog.getByLabel("期间").fill(month);
  await drawDialog.getByRole("button", { name: "抽样" }).click();
  await expect(page.getByText(/已抽取 1 条/)).toBeVisible();

  // The team's other member has it (never its submitter), in My work, and opens the verify page.
  // (1024 wide: at 768 the shell's collapsed brand link has no text, a shell matter.)
  const verifierContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const verifier = await verifierContext.newPage();
  await signIn(verifier, pool.b, "/work");
  const item = verifier.locator(".ant-table-row").filter({ hasText: `抽检复核：${pool.form}` });
  await expect(item).toBeVisible();
  await expect(item).toContainText(pool.customer);
  await expect(verifier.locator(".work-kinds")).toContainText("复核 1");
  await expectAccessible(verifier);
  await screenshots(verifier, "verification-my-work");
  await item.getByRole("link").click();
  await expect(verifier.getByRole("heading", { level: 1, name: "复核提交记录" })).toBeVisible();
  await expect(verifier.getByText(pool.customer)).toBeVisible();
  await verifierContext.close();

  // The manager opens the draw and reassigns it: neither the submitter nor the verifier now is offered.
  await row.locator(".ant-table-row-expand-icon").click();
  const drawRow = page.locator(".ant-table-row").filter({ hasText: month }).last();
  await drawRow.locator(".ant-table-row-expand-icon").click();
  const sampled = page.locator(".verification-items .ant-table-row").filter({ hasText: pool.customer });
  await expect(sampled).toContainText(pool.bName);
  const reassignLabel = { "zh-CN": "改派", en: "Reassign" } as const;
  await dialogShots(
    page,
    "verification-reassign",
    async (language) => {
      await sampled.getByRole("button", { name: reassignLabel[language] }).click();
      const dialog = page.getByRole("dialog");
      // The list is long (every auditor and manager of the shared seed) and virtual: narrow it to the pool's people.
      await dialog.getByRole("combobox").fill("池");
      const options = page.locator(".ant-select-item-option");
      await expect(options.filter({ hasText: pool.cName })).toBeVisible();
      await expect(options.filter({ hasText: pool.aName })).toHaveCount(0);
      await expect(options.filter({ hasText: pool.bName })).toHaveCount(0);
      await options.filter({ hasText: pool.cName }).click();
    },
    async () => {
      await page.getByRole("dialog").getByRole("button", { name: /取消|Cancel/ }).click();
      await expect(page.getByRole("dialog")).toHaveCount(0);
    },
  );
  await sampled.getByRole("button", { name: "改派" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox").fill("池");
  await page.locator(".ant-select-item-option").filter({ hasText: pool.cName }).click();
  await dialog.getByRole("button", { name: "改派" }).click();
  await expect(page.getByText(`已改派给 ${pool.cName}。`)).toBeVisible();
  await expect(sampled).toContainText(pool.cName);

  // The new verifier finds it in My work; the old one no longer does.
  const newContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const newVerifier = await newContext.newPage();
  await signIn(newVerifier, pool.c, "/work");
  await expect(newVerifier.locator(".ant-table-row").filter({ hasText: `抽检复核：${pool.form}` })).toBeVisible();
  await newContext.close();
});
