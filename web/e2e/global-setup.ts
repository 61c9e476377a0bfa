import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name: string) => join(repo, ".venv/bin", name);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited: ${log()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`server not ready: ${log()}`);
}

/** A fresh data folder, migrated, loaded and seeded; one uvicorn for the whole suite. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), "auditportal-e2e-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    AUDITPORTAL_DATA_DIR: dataDir,
    AUDITPORTAL_PORT: String(port),
    AUDITPORTAL_HOST: "127.0.0.1",
    AUDITPORTAL_WEB_DIST_DIR: join(repo, "web/dist"),
    AUDITPORTAL_REDIS_URL: "",
  };
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: repo, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  run(bin("auditportal"), ["migrate"]);
  run(bin("auditportal"), ["load"]);
  const seed = JSON.parse(run(bin("python"), ["-m", "tests.web_seed"]).trim().split("\n").pop() ?? "{}");
  let output = "";
  const server = spawn(bin("auditportal"), ["serve"], { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitReady(baseURL, server, () => output.slice(-4000));
  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_SEED = JSON.stringify(seed);
  process.env.E2E_DATA_DIR = dataDir;
  writeFileSync(join(dataDir, "seed.json"), JSON.stringify(seed));
  return async () => {
    server.kill("SIGTERM");
    await new Promise((done) => {
      const timer = setTimeout(() => {
        server.kill("SIGKILL");
        done(null);
      }, 10_000);
      server.once("exit", () => {
        clearTimeout(timer);
        done(null);
      });
    });
    if (process.env.E2E_SERVER_LOG) writeFileSync(process.env.E2E_SERVER_LOG, output);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
