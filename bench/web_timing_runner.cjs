// Drives Debian's Chromium for bench/web_timing.py: one JSON line per measurement on stdout.
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const cfg = JSON.parse(process.env.BENCH_CONFIG);
const fs = require("node:fs");

// "Submittable": the submit button enabled and all answers on screen (radios or selects).
const filled = (want) => {
  const submit = [...document.querySelectorAll("button[type=submit]")].find((b) => !b.disabled);
  const answered = document.querySelectorAll("input[type=radio]:checked").length + document.querySelectorAll(".ant-select-content-has-value").length;
  return Boolean(submit) && answered >= want;
};

async function signIn(page) {
  await page.waitForURL(/\/oauth\/authorize/);
  await page.fill("#username", cfg.username);
  await page.fill("#password", cfg.password);
  await page.click('button[type="submit"]');
}

async function time(page, url, ready, arg) {
  const started = Date.now();
  await page.goto(url);
  // Tokens live in memory: a full load of the portal signs in again (the form filled at once,
  // so the time is the round trips and the two loads of the app, not typing).
  if (url.startsWith(`${cfg.base}/work`)) await signIn(page);
  try {
    await page.waitForFunction(ready, arg, { timeout: 60000, polling: "raf" });
  } catch (error) {
    if (process.env.BENCH_FAILURE_SHOT) await page.screenshot({ path: process.env.BENCH_FAILURE_SHOT });
    throw new Error(`not ready at ${page.url()}: ${error.message}`);
  }
  return Date.now() - started;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
  const bare = fs.readFileSync(cfg.bareBundle, "utf8");
  await context.route(`${cfg.base}/__bare/**`, (route) =>
    route.request().url().endsWith(".js")
      ? route.fulfill({ contentType: "text/javascript", body: bare })
      : route.fulfill({ contentType: "text/html", body: '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script src="/__bare/bare.js"></script></body></html>' }),
  );
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  await page.addInitScript(() => window.localStorage.setItem("auditportal.language", "zh-CN"));
  await page.goto(`${cfg.base}/work`);
  await signIn(page);
  await page.locator(".shell-header").waitFor();

  const hash = (extra) => `#${new URLSearchParams({ token: cfg.token, ...extra }).toString()}`;
  const cases = {
    "portal:work": () => time(page, `${cfg.base}/work`, () => document.querySelectorAll("a[href^='/work/']:not([href='/work/new'])").length >= 20),
    "bare:work": () => time(page, `${cfg.base}/__bare/index.html${hash({ page: "work" })}`, () => document.querySelectorAll("a.work-link").length >= 20),
    "portal:fill": () => time(page, `${cfg.base}/work/fill/${cfg.versionId}?customer=${encodeURIComponent(cfg.customerId)}`, filled, cfg.questions),
    "bare:fill": () => time(page, `${cfg.base}/__bare/index.html${hash({ page: "fill", version: cfg.versionId, customer: cfg.customerId })}`, filled, cfg.questions),
  };
  const names = Object.keys(cases);
  for (const name of names) await cases[name](); // warm-up: caches, JIT, the server's first queries
  for (let run = 0; run < cfg.runs; run++) {
    for (const name of run % 2 ? [...names].reverse() : names) {
      console.log(JSON.stringify({ name, ms: await cases[name]() }));
    }
  }
  await browser.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
