// Fails when src/api/generated is not what codegen makes from the current schema and
// documents: regenerate into a temp folder and compare file by file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const committed = "src/api/generated";
const fresh = mkdtempSync(join(tmpdir(), "codegen-"));
try {
  execFileSync("npx", ["graphql-codegen", "--config", "codegen.ts", "--silent"], {
    env: { ...process.env, CODEGEN_OUT: `${fresh}/` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const names = new Set([...readdirSync(committed), ...readdirSync(fresh)]);
  const stale = [...names].filter((name) => {
    try {
      return readFileSync(join(committed, name), "utf8") !== readFileSync(join(fresh, name), "utf8");
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`codegen: ${stale.join(", ")} out of date; run \`npm run codegen\` in web/`);
    process.exit(1);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
