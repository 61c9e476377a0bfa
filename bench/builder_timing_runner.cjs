// Runs the bundled harness in Debian's Chromium for bench/builder_timing.py.
const { chromium } = require("playwright-core");
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const page = await browser.newPage();
  await page.setContent("<html><body></body></html>");
  await page.addScriptTag({ path: process.argv[2] });
  const runs = Number(process.argv[3]);
  const out = [];
  await page.evaluate(() => { window.bench(30, 5); window.bench(300, 5); });
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [300, 30] : [30, 300];
    for (const n of order) out.push({ n, ...(await page.evaluate(([n]) => window.bench(n, 20), [n])) });
  }
  console.log(JSON.stringify(out));
  await browser.close();
})();
