import { expect } from "./fixtures";
import type { Locator, Page } from "@playwright/test";

/** The form builder's steps, shared by builder.spec (the builder alone) and chain.spec (the whole chain). */

export async function add(page: Page, type: string) {
  await page.getByRole("button", { name: `添加${type}` }).click();
}

/** Choose an option of one antd Select, in that Select's own dropdown (another one may still be closing). */
export async function pick(page: Page, select: Locator, option: string) {
  await select.click();
  const list = await select.getAttribute("aria-controls");
  const dropdown = page.locator(".ant-select-dropdown", { has: page.locator(`[id="${list}"]`) });
  await dropdown.locator(".ant-select-item-option").getByText(option, { exact: true }).click();
}

/** Confirm the publish dialog; a click during its opening animation can miss, so retry until it closes. */
export async function publishFromDialog(page: Page, version: number) {
  const dialog = page.getByRole("dialog");
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole("button", { name: "发布" }).click({ timeout: 3000 });
    await expect(dialog).toBeHidden({ timeout: 5000 });
  }).toPass({ timeout: 40_000 });
  await expect(page.getByRole("tab", { name: "版本" })).toBeVisible();
  await page.getByRole("tab", { name: "版本" }).click();
  await expect(page.getByRole("cell", { name: `v${version}`, exact: true })).toBeVisible();
  await page.getByRole("tab", { name: "设计" }).click();
}

export async function saved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved");
}

export async function setField(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.blur();
}

/** A new, empty form from the forms list (signed in as an admin on /builder). */
export async function createForm(page: Page, key: string, zh: string, en: string) {
  await expect(page.getByRole("heading", { level: 1, name: "表单设计" })).toBeVisible();
  await page.getByRole("button", { name: "新建表单" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("表单标识").fill(key);
  await dialog.getByLabel("名称（中文）").fill(zh);
  await dialog.getByLabel("名称（英文）").fill(en);
  await dialog.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { level: 1, name: zh })).toBeVisible();
}

/**
 * The fire-safety checklist on an empty form: a section, three checklist items with points
 * (the second worth 3), a required explanation and a required photo; the starter question goes.
 * Keys: section, section.item, section.item2, section.item3, section.notes, section.photo.
 */
export async function addFireSafetyChecklist(page: Page) {
  await page.getByTestId("field-text").click();
  await add(page, "分节");
  await setField(page, "prop-label-zh-CN", "消防安全");
  await setField(page, "prop-label-en", "Fire safety");
  await add(page, "检查项");
  await setField(page, "prop-label-zh-CN", "安全出口畅通");
  await setField(page, "prop-label-en", "Exits are clear");
  await add(page, "检查项");
  await setField(page, "prop-label-zh-CN", "灭火器在有效期内");
  await setField(page, "prop-label-en", "Extinguishers in date");
  await page.getByLabel("分值 compliant").fill("3");
  await page.getByLabel("分值 compliant").blur();
  await add(page, "检查项");
  await setField(page, "prop-label-zh-CN", "应急照明正常");
  await setField(page, "prop-label-en", "Emergency lights work");
  await add(page, "多行文本");
  await setField(page, "prop-label-zh-CN", "出口堵塞情况说明");
  await setField(page, "prop-label-en", "Describe the blocked exit");
  await page.getByTestId("prop-required").check();
  await add(page, "照片");
  await setField(page, "prop-label-zh-CN", "现场照片");
  await setField(page, "prop-label-en", "Site photo");
  await page.getByTestId("prop-required").check();
  // The empty form's starter question goes.
  await page.getByTestId("field-text").click();
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("field-text")).toHaveCount(0);
  await expect(page.getByTestId("field-section").locator("[data-field-key]")).toHaveCount(5);
  await saved(page);
}

/** On the Logic tab: the explanation shows only when the exits are non-compliant. */
export async function addExplanationRule(page: Page) {
  await page.getByRole("tab", { name: "逻辑" }).click();
  const logic = page.getByTestId("builder-logic");
  await pick(page, logic.getByLabel("目标字段"), "出口堵塞情况说明");
  await pick(page, logic.getByLabel("字段", { exact: true }), "安全出口畅通");
  await pick(page, logic.getByLabel("值", { exact: true }), "不符合");
  await logic.getByRole("button", { name: "添加规则" }).click();
  await expect(logic.getByText("显示「出口堵塞情况说明」，当「安全出口畅通」等于 不符合")).toBeVisible();
  await saved(page);
}

/** The definition as the builder's JSON tab shows it (the stored draft). */
export async function definitionJson(page: Page): Promise<Record<string, any>> {
  await page.getByRole("tab", { name: "JSON" }).click();
  return JSON.parse((await page.getByTestId("builder-json").textContent()) ?? "{}");
}
