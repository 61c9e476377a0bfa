import { defineConfig } from "@playwright/test";

// One real server (uvicorn on a fresh SQLite database, seeded) for the whole run, started by
// e2e/global-setup.ts; Debian's chromium, never a downloaded browser. Specs that change
// records have a seed scope of their own (tests/web_seed.py SCOPES), so they run in parallel
// workers in any order.
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/artifacts",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  // Two workers on a shared two-core machine: a spec that answers a long checklist and takes
  // eight screenshots needs well over a minute. Three minutes still catches a hung test; the
  // specs with more steps set their own. No retries: each spec owns its data (tests/web_seed.py).
  timeout: 180_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    viewport: { width: 1024, height: 768 },
    locale: "zh-CN",
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
