import { expect, expectAccessible, screenshots, signIn, test } from "./fixtures";

// The lint panel answers after a debounced server round trip; under two workers on two cores it
// missed the default 15 s once in three runs, so that one wait has 45 s (no retries).
const LINT_ROUND_TRIP = 45_000;
import type { Locator, Page } from "@playwright/test";

async function pick(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option:visible").getByText(option, { exact: true }).click();
}

async function selectState(page: Page, name: string) {
  await page.locator(`.react-flow__node[data-id="${name}"]`).click();
}

/**
 * A step's event chosen from its select. Retried as a whole: an earlier step's dropdown may
 * still be closing (and so matched) when the next one opens, and a click on it is lost.
 */
async function pickEvent(page: Page, card: Locator, event: string) {
  await expect(async () => {
    await card.getByRole("combobox", { name: "事件" }).click({ timeout: 2_000 });
    await page
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
      .getByText(event, { exact: true })
      .last()
      .click({ timeout: 2_000 });
    await expect(card.locator(".ant-select").first()).toContainText(event, { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
}

test("an admin designs a three-state workflow with an SLA and four-eyes approval, simulates and publishes it", async ({ page }) => {
  test.setTimeout(300_000); // eight screenshots on a shared machine
  await signIn(page, "admin", "/designer");
  await expect(page.getByRole("heading", { level: 1, name: "流程设计" })).toBeVisible();
  await expect(page.locator(".designer-template").first()).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "designer-list");

  // The screenshots end by switching the language back, which renews the page: retry the click.
  await expect(async () => {
    if (!/\/designer\/new/.test(page.url())) await page.getByRole("button", { name: "新建流程" }).click({ timeout: 5000 });
    await expect(page.getByRole("heading", { level: 1, name: "新建流程" })).toBeVisible({ timeout: 10000 });
  }).toPass();
  await page.getByLabel("流程标识").fill("e2e-four-eyes");
  await page.getByLabel("名称 (zh-CN)").fill("双人审批");
  await page.getByLabel("名称 (en)").fill("Four-eyes approval");

  // A middle state with a two-working-day SLA that escalates.
  await page.getByRole("button", { name: "添加状态" }).click();
  await page.getByLabel("名称 (zh-CN)").fill("经理审批");
  await page.getByLabel("名称 (en)").fill("Manager approval");
  await page.getByRole("switch", { name: "启用处理时限" }).click();

  // approve: manager, not the submitter (four eyes).
  await page.getByRole("button", { name: "添加流转" }).click();
  await page.getByLabel("事件标识").fill("approve");
  await pick(page, "到", "已完成 (done)");
  await pick(page, "可执行的角色", "稽核经理");
  await page.getByRole("checkbox", { name: "提交人不能执行" }).check();

  // escalate: the system only, back to the same state's manager (to done here).
  await selectState(page, "state_1");
  await page.getByRole("button", { name: "添加流转" }).click();
  await page.getByLabel("事件标识").fill("escalate");
  await pick(page, "到", "已完成 (done)");
  await page.getByRole("combobox", { name: "可执行的角色", exact: true }).click();
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Escape");

  // The first step now leads into the approval.
  await selectState(page, "open");
  await page.getByRole("button", { name: "finish → done" }).click();
  await page.getByLabel("事件标识").fill("submit");
  await pick(page, "到", "经理审批 (state_1)");
  await page.getByLabel("名称 (zh-CN)").fill("提交审批");
  await page.getByLabel("名称 (en)").fill("Submit for approval");

  await selectState(page, "state_1");
  await expect(page.locator(".designer-side .ant-select", { has: page.getByRole("combobox", { name: "超时触发的事件" }) })).toContainText("escalate");
  await expect(page.getByText("没有发现问题")).toBeVisible({ timeout: LINT_ROUND_TRIP });
  await expect(page.locator('.react-flow__node[data-id="state_1"]').getByText("SLA 2 工作日")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "designer-editor");

  // Simulate: the submitter may not approve; another manager may.
  await expect(async () => {
    await page.getByRole("button", { name: "模拟运行" }).click({ timeout: 2000 });
    await expect(page.locator(".ant-drawer")).toBeVisible({ timeout: 2000 });
  }).toPass();
  const drawer = page.locator(".ant-drawer");
  await drawer.getByRole("button", { name: "添加一步" }).click();
  await drawer.getByRole("button", { name: "添加一步" }).click();
  const cards = drawer.locator(".ant-card");
  await pickEvent(page, cards.nth(1), "approve");
  await cards.nth(1).getByRole("checkbox", { name: "是提交人" }).check();
  await pickEvent(page, cards.nth(2), "approve");
  await drawer.getByRole("button", { name: "运行" }).click();
  await expect(drawer.getByText("事项已到达结束状态“done”")).toBeVisible();
  await expect(cards.nth(1).locator(".ant-alert")).toBeVisible();
  // One language only: the drawer's mask covers the header's language switch the fixture uses.
  await page.screenshot({ path: "test-results/screenshots/designer-simulate.zh-CN.1024x768.png" });
  await drawer.getByRole("button", { name: "Close" }).or(drawer.getByRole("button", { name: "关闭" })).first().click();

  await page.getByRole("button", { name: "发布" }).first().click();
  const dialog = page.getByRole("dialog", { name: "发布新版本" });
  await expect(dialog.getByText("这是第一个版本，内容如下：")).toBeVisible();
  await expect(dialog.getByText("state:state_1").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/designer-publish.zh-CN.1024x768.png" });
  await dialog.getByRole("button", { name: "发布" }).click();
  await expect(page.getByText("已发布第 1 版")).toBeVisible();
  await expect(page).toHaveURL(/\/designer\/e2e-four-eyes$/);
});

test("a built-in template opens in the designer with its lint clean", async ({ page }) => {
  await signIn(page, "admin", "/designer/complaint-handling");
  await expect(page.locator('.react-flow__node[data-id="received"]')).toBeVisible();
  await expect(page.locator(".designer-problems .ant-list-header")).toBeVisible({ timeout: LINT_ROUND_TRIP });
  await expect(page.locator(".designer-problems .tag-bad")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "已保存" })).toBeDisabled();
  await screenshots(page, "designer-template");
});

test("the biggest built-in workflow reads at a glance; its versions open read-only and copy into the draft", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "admin", "/designer/inspection");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expect(page.locator(".designer-minimap")).toBeVisible();
  // Fitted, but not below a readable zoom: a state keeps at least 60 % of its 180 px.
  const start = (await page.locator('.designer-diagram .react-flow__node[data-id="scheduled"]').boundingBox())!;
  expect(start.width).toBeGreaterThanOrEqual(105);
  await expect(page.locator(".designer-minimap .react-flow__minimap-node")).toHaveCount(await page.locator(".designer-diagram .react-flow__node").count());
  await expectAccessible(page);
  await screenshots(page, "designer-large");

  // The palette adds a review state (and selects it).
  await page.getByRole("toolbar", { name: "添加状态" }).getByRole("button", { name: "审核状态" }).click();
  await expect(page.locator('.react-flow__node[data-id="review_1"]')).toBeVisible();
  await expect(page.getByRole("button", { name: "保存草稿" })).toBeEnabled();

  // Versions: who and when; an old one opens read-only and replaces the draft when copied.
  await page.getByRole("button", { name: "版本" }).click();
  const drawer = page.locator(".ant-drawer", { hasText: "已发布版本" });
  await expect(drawer.getByText("第 1 版").first()).toBeVisible();
  await expect(drawer.locator(".ant-list-item-meta-description").first()).toContainText("发布于");
  await page.screenshot({ path: "test-results/screenshots/designer-versions.zh-CN.1024x768.png" });
  await drawer.getByRole("button", { name: "查看第 1 版" }).click();
  const dialog = page.getByRole("dialog", { name: "第 1 版（只读）" });
  await expect(dialog.locator(".react-flow__node").first()).toBeVisible();
  await expect(dialog.locator(".react-flow__node.draggable")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/designer-version-view.zh-CN.1024x768.png" });
  await dialog.getByRole("button", { name: "复制到草稿" }).click();
  await expect(page.getByText("已将第 1 版复制到草稿；检查后保存")).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="review_1"]')).toHaveCount(0);
});

const BUILT_IN_FLOWS = ["inspection", "complaint-handling", "corrective-action", "survey-follow-up", "training-record"];

/** Whether a state's box lies wholly inside the diagram's box. */
async function stateInView(page: Page, name: string): Promise<boolean> {
  const diagram = (await page.locator(".designer .designer-diagram").boundingBox())!;
  const node = await page.locator(`.designer .react-flow__node[data-id="${name}"]`).boundingBox();
  if (!node) return false;
  return node.x >= diagram.x - 1 && node.y >= diagram.y - 1 && node.x + node.width <= diagram.x + diagram.width + 1 && node.y + node.height <= diagram.y + diagram.height + 1;
}

test("every built-in workflow opens readable at both sizes; the rest of a big one is a search or an arrow key away", async ({ page }) => {
  test.setTimeout(420_000); // five workflows, four screenshots each
  await signIn(page, "admin", "/designer/inspection");
  const nodes = page.locator(".designer .react-flow__node");
  await expect(nodes.first()).toBeVisible();
  const names = await nodes.evaluateAll((all) => all.map((n) => n.getAttribute("data-id")!));
  expect(names).toHaveLength(10);
  for (const size of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
    await page.setViewportSize(size);
    // Opens on its initial state at a readable zoom (at least 80 % of a state's 180 px).
    await expect.poll(() => stateInView(page, "scheduled")).toBe(true);
    expect((await page.locator('.designer .react-flow__node[data-id="scheduled"]').boundingBox())!.width).toBeGreaterThanOrEqual(144);
    // Every other state is in view or brought into view, selected, by the search.
    for (const name of names) {
      if (await stateInView(page, name)) continue;
      const find = page.getByRole("combobox", { name: "查找状态" });
      await find.click();
      await find.fill(name);
      await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
      await expect.poll(() => stateInView(page, name)).toBe(true);
      await expect(page.locator(`.designer .react-flow__node[data-id="${name}"] .designer-node`)).toHaveClass(/is-selected/);
      await expect(page.locator(".designer-side")).toContainText(name);
    }
  }
  await page.setViewportSize({ width: 1024, height: 768 });

  // The arrow keys move the focus (and the selection) from state to state, and bring it into view.
  // From the start state, found as a user would (the search leaves it selected and in view).
  const find = page.getByRole("combobox", { name: "查找状态" });
  await find.click();
  await find.fill("scheduled");
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
  await expect.poll(() => stateInView(page, "scheduled")).toBe(true);
  await page.locator('.designer .react-flow__node[data-id="scheduled"]').focus();
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement?.closest(".react-flow__node")?.getAttribute("data-id") ?? null);
  expect(focused).not.toBeNull();
  expect(focused).not.toBe("scheduled");
  await expect(page.locator(".designer-side")).toContainText(focused!);
  await expect.poll(() => stateInView(page, focused!)).toBe(true);

  for (const key of BUILT_IN_FLOWS) {
    await signIn(page, "admin", `/designer/${key}`);
    await expect(nodes.first()).toBeVisible();
    const initial = await page.locator(".designer .react-flow__node:has(.tag-info)").first().getAttribute("data-id");
    await expect.poll(() => stateInView(page, initial!)).toBe(true);
    await screenshots(page, `designer-flow-${key}`, async () => {
      await expect.poll(() => stateInView(page, initial!)).toBe(true);
    });
  }
});
