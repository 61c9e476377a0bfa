import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";
import type { Locator, Page } from "@playwright/test";
import { expect, go, screenshots, seedFor, signIn, test, type Seed } from "./fixtures";
import { addExplanationRule, addFireSafetyChecklist, createForm, publishFromDialog } from "./builderSteps";

// The whole chain in one walk, on its own scope (tests/web_seed_chain.py): key
// customers, their auditor and two managers. Builder -> designer -> plan -> the scheduled
// inspection filled by the auditor -> four eyes between the two managers.
const seed = seedFor("chain") as Seed & { secondManager: { login: string; name: string } };
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const photo = resolve(here, "files/site-photo.png");
const FORM_KEY = "e2e-chain-check";
const WORKFLOW_KEY = "e2e-chain-flow";
const PLAN = "链路重点客户月度消防检查";

// The admin's browser keeps China's calendar, as the server's (settings.timezone): the new
// plan starts "today", and after 16:00 UTC a UTC browser's today is the server's yesterday.
test.use({ timezoneId: "Asia/Shanghai" });

/** A command against the e2e server's data folder; its last line of output, as JSON. */
function serverSide(command: string, args: string[]) {
  const env = { ...process.env, AUDITPORTAL_DATA_DIR: process.env.E2E_DATA_DIR, AUDITPORTAL_REDIS_URL: "" };
  return JSON.parse(execFileSync(join(repo, command), args, { cwd: repo, env, encoding: "utf8" }).trim().split("\n").pop() ?? "{}");
}

function metaSchema(name: string) {
  return JSON.parse(readFileSync(join(repo, "schema", `${name}.schema.json`), "utf8"));
}

/** The combobox labelled `label`, its Select, and the options of its own dropdown (another may still be closing). */
function selectOf(page: Page, label: string) {
  const box = page.getByRole("combobox", { name: label, exact: true });
  const options = async () => {
    const list = await box.getAttribute("aria-controls", { timeout: 2000 });
    return page.locator(".ant-select-dropdown", { has: page.locator(`[id="${list}"]`) }).locator(".ant-select-item-option");
  };
  return { box, select: page.locator(".ant-select", { has: box }), options };
}

/**
 * One option of the combobox labelled `label`, retried until the Select shows it: on the shared
 * machine a click during a dropdown's opening animation can be lost (the approval's roles were
 * once left empty so, and the designer's lint then never came clean).
 */
async function choose(page: Page, label: string, option: string | RegExp) {
  const { box, select, options } = selectOf(page, label);
  await expect(async () => {
    await box.click({ timeout: 2000 });
    await (await options()).getByText(option, { exact: typeof option === "string" }).first().click({ timeout: 2000 });
    await expect(select).toContainText(option, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

/** A multiple select set to exactly `option` (its default entries removed first), retried likewise. */
async function chooseOnly(page: Page, label: string, option: string) {
  const { box, select, options } = selectOf(page, label);
  await expect(async () => {
    await box.click({ timeout: 2000 });
    await box.press("Backspace");
    await box.press("Backspace");
    await (await options()).getByText(option, { exact: true }).first().click({ timeout: 2000 });
    await page.keyboard.press("Escape");
    await expect(select).toHaveText(option, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

async function selectState(page: Page, name: string) {
  await page.locator(`.react-flow__node[data-id="${name}"]`).click();
}

/** The transition panel of a new step from the selected state. */
async function addStep(page: Page, event: string, to: string, zh: string, en: string) {
  await page.getByRole("button", { name: "添加流转" }).click();
  await page.getByLabel("事件标识").fill(event);
  await choose(page, "到", to);
  await page.getByLabel("名称 (zh-CN)").fill(zh);
  await page.getByLabel("名称 (en)").fill(en);
}

/** Fire a step on the case page and wait for the page to show the next state. */
async function fire(page: Page, step: string) {
  const button = page.locator(".transition-row").getByRole("button", { name: step, exact: true });
  await expect(button).toBeEnabled();
  await button.click();
}

function stepRow(page: Page, step: string): Locator {
  return page.locator(".transition-row", { has: page.getByRole("button", { name: step, exact: true }) });
}

test("the whole chain: build and publish a checklist and a four-eyes workflow, plan them for key customers, fill, submit and approve by another manager", async ({ page, browser }) => {
  test.setTimeout(420_000); // every area of the product in one walk on a shared two-core machine

  // 1. The checklist in the form builder, published as v1.
  await signIn(page, seed.logins.admin, "/builder");
  await createForm(page, FORM_KEY, "链路消防检查", "Chain fire check");
  await addFireSafetyChecklist(page);
  await addExplanationRule(page);
  await page.getByRole("tab", { name: "设计" }).click();
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByRole("dialog").getByText("首次发布")).toBeVisible();
  await publishFromDialog(page, 1);

  // 2. The workflow in the designer: open -> manager approval (SLA) -> second approval -> done.
  // Four eyes needs the endorsement on the way: as a loop on the approval state, a manager
  // who never endorsed could approve alone (the designer warns of that, see design.py).
  await go(page, "/designer");
  await expect(page.getByRole("heading", { level: 1, name: "流程设计" })).toBeVisible();
  await expect(async () => {
    if (!/\/designer\/new/.test(page.url())) await page.getByRole("button", { name: "新建流程" }).click({ timeout: 5000 });
    await expect(page.getByRole("heading", { level: 1, name: "新建流程" })).toBeVisible({ timeout: 10000 });
  }).toPass();
  await page.getByLabel("流程标识").fill(WORKFLOW_KEY);
  await page.getByLabel("名称 (zh-CN)").fill("链路双人审批");
  await page.getByLabel("名称 (en)").fill("Chain four-eyes approval");
  await choose(page, "流程对象", "检查");

  await page.getByRole("button", { name: "添加状态" }).click();
  await page.getByLabel("名称 (zh-CN)").fill("经理审批");
  await page.getByLabel("名称 (en)").fill("Manager approval");
  await page.getByRole("switch", { name: "启用处理时限" }).click();
  await page.getByRole("button", { name: "添加状态" }).click();
  await page.getByLabel("名称 (zh-CN)").fill("第二位经理批准");
  await page.getByLabel("名称 (en)").fill("Second manager's approval");

  // endorse: a manager sends the case on for approval by another one.
  await selectState(page, "state_1");
  await addStep(page, "endorse", "第二位经理批准 (state_2)", "提交审批", "Submit for approval");
  await chooseOnly(page, "可执行的角色", "稽核经理");
  // escalate: the system only, when the SLA runs out.
  await selectState(page, "state_1");
  await addStep(page, "escalate", "经理审批 (state_1)", "逾期上报", "Escalate overdue");
  const roles = page.getByRole("combobox", { name: "可执行的角色", exact: true });
  await roles.click();
  await roles.press("Backspace");
  await page.keyboard.press("Escape");
  // approve: a manager, but not whoever endorsed it (four eyes).
  await selectState(page, "state_2");
  await addStep(page, "approve", "已完成 (done)", "批准", "Approve");
  await chooseOnly(page, "可执行的角色", "稽核经理");
  await choose(page, "执行过这些事件的人不能执行", "endorse");
  await page.keyboard.press("Escape");

  // The starter step becomes the auditor's submit into the approval.
  await selectState(page, "open");
  await page.getByRole("button", { name: "finish → done" }).click();
  await page.getByLabel("事件标识").fill("submit");
  await choose(page, "到", "经理审批 (state_1)");
  await page.getByLabel("名称 (zh-CN)").fill("提交检查");
  await page.getByLabel("名称 (en)").fill("Submit the inspection");

  await selectState(page, "state_1");
  await expect(page.locator(".designer-side .ant-select", { has: page.getByRole("combobox", { name: "超时触发的事件" }) })).toContainText("escalate");
  await expect(page.getByText("没有发现问题")).toBeVisible({ timeout: 45_000 });
  await page.getByRole("button", { name: "发布" }).first().click();
  const publish = page.getByRole("dialog", { name: "发布新版本" });
  await expect(publish.getByText("这是第一个版本，内容如下：")).toBeVisible();
  await publish.getByRole("button", { name: "发布" }).click();
  await expect(page.getByText("已发布第 1 版")).toBeVisible();

  // 3. The stored definitions validate against the meta-schemas (server side, and here too).
  const stored = serverSide(".venv/bin/python", ["-m", "tests.web_chain_check", FORM_KEY, WORKFLOW_KEY]);
  expect(stored.form.version).toBe(1);
  expect(stored.form.errors).toEqual([]);
  expect(stored.workflow.version).toBe(1);
  expect(stored.workflow.errors).toEqual([]);
  const Ajv = (Ajv2020Module as unknown as { default: typeof Ajv2020Module }).default;
  for (const [name, definition] of [["form-definition", stored.form.definition], ["workflow-definition", stored.workflow.definition]] as const) {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(metaSchema(name));
    expect(validate(definition), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
  expect(stored.form.definition.schema.properties.section.allOf[0].then.required).toEqual(["notes"]);
  const approve = stored.workflow.definition.transitions.find((t: { event: string }) => t.event === "approve");
  expect(approve.roles).toEqual(["manager"]);
  expect(approve.from).toEqual(["state_2"]);
  expect(approve.excludes).toEqual({ firedBy: ["endorse"] });
  expect(stored.workflow.definition.states.state_1.sla.escalate).toBe("escalate");

  // 4. A plan for key customers, monthly, with both; saving it requests the first scheduling pass.
  await go(page, "/plans");
  await expect(page.getByRole("heading", { level: 1, name: "检查计划" })).toBeVisible();
  await page.getByRole("button", { name: "新建计划" }).click();
  const editor = page.locator(".plans-editor");
  await editor.getByLabel("名称（中文）").fill(PLAN);
  await editor.getByLabel("名称（英文）").fill("Chain monthly key-customer fire check");
  await choose(page, "表单", new RegExp(`\\(${FORM_KEY}\\)`));
  await choose(page, "流程", new RegExp(`\\(${WORKFLOW_KEY}\\)`));
  await expect(editor.locator(".plans-tier")).toHaveText(["重点客户"]);
  await expect(editor.locator(".plans-preview .ant-list-item")).toHaveCount(4);
  await expect(async () => {
    await editor.getByRole("button", { name: "保存" }).click({ timeout: 2000 });
    await expect(page.locator(".plans-table tr", { hasText: PLAN }).first()).toBeVisible({ timeout: 10000 });
  }).toPass();
  await expect(page.locator(".plans-table tr", { hasText: PLAN }).first().getByText("FREQ=MONTHLY")).toBeVisible();

  // The scheduling pass of this plan, as a worker runs it (the CLI's one-off pass).
  const plan = serverSide(".venv/bin/python", ["-m", "tests.web_chain_check", "plan", PLAN]);
  expect(plan.id).toBeTruthy();
  // The pass writes the e2e server's SQLite file: meeting another spec's write there it fails
  // at once ("database is locked", exit 1). It is keyed per plan, customer and period, so a
  // second pass opens nothing twice.
  let pass: { status?: string } = {};
  await expect(async () => {
    pass = serverSide(".venv/bin/auditportal", ["schedule", "--plan", plan.id]);
    expect(pass.status, JSON.stringify(pass)).toBe("succeeded");
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  const rows = serverSide(".venv/bin/python", ["-m", "tests.web_chain_check", "plan", PLAN]).rows as { status: string }[];
  expect(rows.filter((r) => r.status === "opened").length, JSON.stringify({ pass, rows })).toBeGreaterThan(0);

  // 5. The auditor finds the inspection the pass opened for customer A, and fills it.
  // Sign in again until the case is listed (tokens live in memory: a reload only signs in again).
  let auditor = await browser.newPage();
  const row = () => auditor.getByRole("row", { name: new RegExp(seed.customers.A.name) }).filter({ hasText: PLAN });
  await expect(async () => {
    await auditor.close();
    auditor = await browser.newPage();
    await signIn(auditor, seed.logins.auditor, "/work");
    await expect(row().first()).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  await row().first().locator('a[href^="/work/"]:not([href^="/work/fill"])').first().click();
  await expect(auditor.getByRole("heading", { level: 1 })).toBeVisible();
  const caseId = new URL(auditor.url()).pathname.split("/").pop() ?? "";
  // The case page's fill link names the first checklist form, not the plan's (TaskPage, left to
  // its owner): open the fill page of the plan's form for this case and customer instead.
  const fill = new URL(await auditor.locator("a", { has: auditor.getByRole("button", { name: "填写检查表" }) }).getAttribute("href") ?? "", "http://x");
  const formVersionId = Buffer.from(`FormVersion:${stored.form.id}`).toString("base64url");
  await go(auditor, `/work/fill/${encodeURIComponent(formVersionId)}${fill.search}`);
  const item = auditor.locator("#root_section_item");
  await expect(item).toBeVisible();
  // The explanation appears only while the exits are non-compliant.
  await expect(auditor.locator("#root_section_notes")).toHaveCount(0);
  await item.getByText("符合", { exact: true }).click();
  await expect(auditor.locator("#root_section_notes")).toHaveCount(0);
  await item.getByText("不符合", { exact: true }).click();
  await expect(auditor.locator("#root_section_notes")).toBeVisible();
  await auditor.locator("#root_section_notes").fill("二号出口被货物堵塞，已要求当场清理。");
  await auditor.locator("#root_section_item2").getByText("符合", { exact: true }).click();
  await auditor.locator("#root_section_item3").getByText("符合", { exact: true }).click();
  // Evidence goes to the case's server draft: let the answers' draft be saved first.
  await expect(auditor.getByTestId("draft-status")).toHaveAttribute("data-synced", "1", { timeout: 30_000 });
  // By its label: a one-photo field drops its file input (#root_section_photo) once it holds one.
  const photoField = auditor.locator(".attachment-field", { hasText: "现场照片" });
  await auditor.locator("#root_section_photo").setInputFiles(photo);
  await expect(photoField.locator(".attachment-item")).toHaveCount(1, { timeout: 30_000 });
  // Neither an upload problem nor the "required" an earlier blur showed before the photo came.
  await expect(photoField.getByRole("alert")).toHaveCount(0);
  await screenshots(auditor, "chain-fill-photo");
  await auditor.getByRole("button", { name: "提交", exact: true }).click();
  await expect(auditor.getByRole("heading", { name: "已提交" })).toBeVisible({ timeout: 30_000 });
  await auditor.close();

  // 6. Four eyes: the manager who sends it for approval may not approve it; another manager may.
  const first = await browser.newPage();
  await signIn(first, seed.logins.manager, `/review/${caseId}`);
  // No approval before the endorsement: it is not a step of the approval state.
  await expect(stepRow(first, "提交审批")).toBeVisible();
  await expect(stepRow(first, "批准")).toHaveCount(0);
  await fire(first, "提交审批");
  await expect(stepRow(first, "批准").locator(".refusal")).toContainText("已执行“提交审批”的人不能再执行此步骤");
  await expect(stepRow(first, "批准").getByRole("button")).toBeDisabled();
  await screenshots(first, "chain-four-eyes-refused", async () => {
    await expect(stepRow(first, "Approve").or(stepRow(first, "批准")).locator(".refusal")).toBeVisible();
  });
  await first.close();

  const second = await browser.newPage();
  await signIn(second, seed.secondManager.login, `/review/${caseId}`);
  await fire(second, "批准");
  await expect(second.getByText("已完成").first()).toBeVisible();
  await expect(second.locator(".transition-row")).toHaveCount(0);
  await second.close();
});
