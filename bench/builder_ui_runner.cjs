// Drives Debian's Chromium for bench/builder_ui.py: the real builder page, signed in as an
// admin; one JSON line per measurement on stdout ({ size, op, ms }).
//
// Each operation is timed inside the page: from the input event (click or keydown, seen in the
// capture phase before React) to the first animation frame whose DOM shows the change, so the
// CDP round trips of Playwright are not in the figure.
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const cfg = JSON.parse(process.env.BENCH_CONFIG);

/** Watch for the next `eventType` and resolve window.__bench with ms until `kind`'s probe changes. */
function arm(page, kind, eventType) {
  return page.evaluate(
    ({ kind, eventType }) => {
      const fields = () => document.querySelectorAll('[data-testid="builder-canvas"] [data-field-key]');
      const probes = {
        add: () => String(fields().length),
        // The top-level sections' order (their test ids have no dot).
        move: () => [...fields()].map((e) => e.getAttribute("data-testid")).filter((id) => id && !id.includes(".")).join(","),
        answer: () => document.querySelector('[data-testid="builder-score"]')?.textContent ?? "",
      };
      const probe = probes[kind];
      const before = probe();
      let t0 = null;
      window.__bench = new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no change after ${kind}`)), 30000);
        const tick = () =>
          requestAnimationFrame(() => {
            if (probe() !== before) {
              clearTimeout(deadline);
              resolve(performance.now() - t0);
            } else tick();
          });
        window.addEventListener(eventType, () => { if (t0 === null) { t0 = performance.now(); tick(); } }, { capture: true, once: true });
      });
    },
    { kind, eventType },
  );
}

const result = (page) => page.evaluate(() => window.__bench);

async function go(page, path) {
  await page.evaluate((target) => {
    window.history.pushState({}, "", target);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

async function open(page, form) {
  await go(page, "/builder");
  await page.getByRole("heading", { level: 1, name: "表单设计" }).waitFor();
  await go(page, `/builder/${form.id}`);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="builder-canvas"] [data-field-key]').length >= n, form.fields + 5, { timeout: 60000 });
  await page.getByTestId("save-status").waitFor({ state: "attached" });
}

async function saved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute("data-state") === "saved", null, { timeout: 60000 });
}

const ops = {
  // A checklist item from the palette, after the selected question of the middle section.
  add: async (page) => {
    await page.getByTestId("field-s2.q2_0").click({ position: { x: 12, y: 8 } });
    await arm(page, "add", "click");
    await page.getByRole("button", { name: "添加检查项" }).click();
    const ms = await result(page);
    await saved(page);
    return ms;
  },
  // The first section one place down (Alt+ArrowDown on the canvas), then back up.
  move: async (page, run) => {
    await page.getByTestId("field-s0").click({ position: { x: 12, y: 8 } });
    await arm(page, "move", "keydown");
    await page.keyboard.press(run % 2 ? "Alt+ArrowUp" : "Alt+ArrowDown");
    const ms = await result(page);
    await saved(page);
    return ms;
  },
  // One answer in test mode: the renderer and the live score follow (yes and no in turn).
  answer: async (page, run) => {
    const option = page.locator("#root_s0_q0_0").getByText(run % 2 ? "否" : "是", { exact: true });
    await arm(page, "answer", "click");
    await option.click();
    return result(page);
  },
};

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  await page.addInitScript(() => window.localStorage.setItem("auditportal.language", "zh-CN"));
  await page.goto(`${cfg.base}/builder`);
  await page.waitForURL(/\/oauth\/authorize/);
  await page.fill("#username", cfg.username);
  await page.fill("#password", cfg.password);
  await page.click('button[type="submit"]');
  await page.locator(".shell-header").waitFor();
  // Sizes in turn, twice, so drift on the shared machine reaches both alike.
  const rounds = [...cfg.forms, ...cfg.forms];
  const per = Math.ceil(cfg.runs / 2);
  const counts = {};
  for (const form of rounds) {
    await open(page, form);
    for (const op of ["add", "move"]) {
      await ops[op](page, 0); // warm-up
      for (let run = 1; run <= per; run++) {
        counts[`${form.fields}:${op}`] = (counts[`${form.fields}:${op}`] ?? 0) + 1;
        if (counts[`${form.fields}:${op}`] > cfg.runs) break;
        console.log(JSON.stringify({ size: form.fields, op, ms: await ops[op](page, run) }));
      }
    }
    await page.getByRole("tab", { name: "测试" }).click();
    await page.locator("#root_s0_q0_0").waitFor({ timeout: 60000 });
    await ops.answer(page, 0);
    for (let run = 1; run <= per; run++) {
      counts[`${form.fields}:answer`] = (counts[`${form.fields}:answer`] ?? 0) + 1;
      if (counts[`${form.fields}:answer`] > cfg.runs) break;
      console.log(JSON.stringify({ size: form.fields, op: "answer", ms: await ops.answer(page, run) }));
    }
    await page.getByRole("tab", { name: "设计" }).click();
  }
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
