import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, expectAccessible, go, screenshots, signIn, switchLanguage, test } from "./fixtures";

// The dashboard's own records (tests/web_seed_dashboard.py), in a region of their own: the
// figures below are counted by hand there (3 of 5 due done, 4 findings in 2 submissions,
// 2 open inspections, both overdue, 2 customers).
const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shots = join(repo, "web/test-results/screenshots");
let period: { from: string; to: string; region: string };

test.beforeAll(() => {
  const output = execFileSync(join(repo, ".venv/bin/python"), ["-m", "tests.web_seed_dashboard"], {
    cwd: repo,
    env: { ...process.env, AUDITPORTAL_DATA_DIR: process.env.E2E_DATA_DIR ?? "", AUDITPORTAL_REDIS_URL: "" },
    encoding: "utf8",
  });
  period = JSON.parse(output.trim().split("\n").pop() ?? "{}");
});

function dashboardPath(): string {
  return `/dashboard?${new URLSearchParams({ from: period.from, to: period.to, region: period.region })}`;
}

test("a manager sees the seeded figures, opens the rows behind one and asks for the PDF", async ({ page }) => {
  await signIn(page, "manager", "/");
  await expect(page.getByRole("menuitem", { name: "管理看板" })).toBeVisible();
  await go(page, dashboardPath());
  await expect(page.getByRole("heading", { level: 1, name: "管理看板" })).toBeVisible();
  await expect(page.getByTestId("kpi-completion-value")).toHaveText("60.0%");
  await expect(page.getByTestId("kpi-completion")).toContainText("已完成 3 / 应检 5");
  await expect(page.getByTestId("kpi-findings-value")).toHaveText("2.00");
  await expect(page.getByTestId("kpi-open-value")).toHaveText("2");
  await expect(page.getByTestId("kpi-open")).toContainText("其中逾期 2");
  await expect(page.getByTestId("kpi-nps-value")).toHaveText("—");
  await expect(page.getByTestId("chart-severity").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("chart-grades").getByRole("button", { name: "2 位客户" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "地区" })).toHaveValue(period.region);
  await expect(page.getByTestId("chart-workload")).toContainText("陈看板");

  // The completion figure opens the inspections it counts.
  await page.getByTestId("kpi-completion").getByRole("button").click();
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByText("到期检查明细")).toBeVisible();
  await expect(drawer.getByTestId("drill-total")).toContainText("共 5 条");
  await expect(drawer.locator(".ant-table-row")).toHaveCount(5);
  await expect(drawer.getByRole("cell", { name: "看板一号客户" }).first()).toBeVisible();
  await expect(drawer.getByRole("cell", { name: "已完成" })).toHaveCount(3);
  await drawer.getByRole("button", { name: "关闭" }).click();
  await expect(drawer).toBeHidden();
  // An auditor's bar opens their open inspections.
  await page.getByTestId("chart-workload").getByRole("button", { name: "陈看板 · 2" }).click();
  await expect(drawer.getByText("陈看板 的未完成检查")).toBeVisible();
  await expect(drawer.locator(".ant-table-row")).toHaveCount(2);
  await drawer.getByRole("button", { name: "关闭" }).click();
  await expect(drawer).toBeHidden();

  // A filter lands in the URL and narrows every figure (no key customer's work is open).
  await page.getByRole("combobox", { name: "客户等级" }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option:visible").getByText("普通客户", { exact: true }).click();
  await expect(page).toHaveURL(/tier=NORMAL/);
  await expect(page.getByTestId("kpi-completion")).toContainText("已完成 1 / 应检 2");
  await go(page, dashboardPath());
  await expect(page.getByTestId("kpi-completion-value")).toHaveText("60.0%");

  await expectAccessible(page);
  await screenshots(page, "dashboard", async () => {
    await expect(page.getByTestId("chart-workload").locator("svg").first()).toBeVisible();
  });

  // The drawer in both languages and sizes (it covers the language switch: open it each time).
  for (const language of ["en", "zh-CN"] as const) {
    await switchLanguage(page, language);
    for (const size of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
      await page.setViewportSize(size);
      await page.getByTestId("kpi-completion").getByRole("button").click();
      await expect(drawer.locator(".ant-table-row")).toHaveCount(5);
      await page.waitForTimeout(400); // the drawer's slide-in
      await page.screenshot({ path: join(shots, `dashboard-drill.${language}.${size.width}x${size.height}.png`) });
      await page.keyboard.press("Escape");
      await expect(drawer).toBeHidden();
    }
  }
  await page.setViewportSize({ width: 1024, height: 768 });

  await page.getByRole("button", { name: "打印 PDF" }).click();
  await expect(page.getByText("已申请看板 PDF")).toBeVisible();
  await go(page, "/my-reports");
  await expect(page.getByRole("cell", { name: "管理看板" }).first()).toBeVisible();
});
