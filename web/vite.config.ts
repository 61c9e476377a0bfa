/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

const generated = fileURLToPath(new URL("./src/api/generated/graphql.ts", import.meta.url));

/**
 * Each `graphql(\`...\`)` call becomes its generated document, inlined where it is used (what
 * graphql-codegen's babel plugin does). Without it, the tag's lookup table in generated/gql.ts
 * pulls every document of every page into the first screen.
 */
function inlineGraphqlDocuments(): Plugin {
  let documents: Map<string, string> | null = null;
  const load = () => {
    if (documents) return documents;
    documents = new Map();
    const line = /^export const (\w+?)(?:Document|FragmentDoc) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm;
    for (const match of readFileSync(generated, "utf8").matchAll(line)) documents.set(match[1]!, match[2]!);
    return documents;
  };
  return {
    name: "inline-graphql-documents",
    apply: "build",
    enforce: "pre",
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || id.includes("/api/generated/") || !code.includes("graphql(`")) return null;
      const replaced = code.replace(/graphql\(\s*`([\s\S]*?)`\s*\)/g, (_call, body: string) => {
        const name = /\b(?:query|mutation|subscription|fragment)\s+(\w+)/.exec(body)?.[1];
        const document = name ? load().get(name) : undefined;
        if (!document) this.error(`no generated document for ${name ?? "an unnamed operation"} in ${id}: run npm run codegen`);
        return `(${document})`;
      });
      return { code: replaced, map: null };
    },
  };
}

// The API server the dev server forwards to (`make run` listens on 8000).
const api = process.env.AUDITPORTAL_API ?? "http://127.0.0.1:8000";
const proxied = ["/graphql", "/oauth", "/.well-known", "/reports", "/files"];

// react-router's package exports only name its development build (warnings, dev checks);
// the production build sits beside it.
const reactRouterProduction = fileURLToPath(new URL("./node_modules/react-router/dist/production/index.mjs", import.meta.url));

export default defineConfig(({ command }) => ({
  plugins: [inlineGraphqlDocuments(), react()],
  resolve: command === "build" ? { alias: [{ find: /^react-router$/, replacement: reactRouterProduction }] } : {},
  // The server swaps the placeholder for a fresh nonce in every index.html it sends
  // (server/auditportal/web.py); Vite also writes <meta property="csp-nonce">.
  html: { cspNonce: "__CSP_NONCE__" },
  server: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, ws: path === "/graphql" }])),
  },
  build: {
    target: "es2022",
    sourcemap: false,
    // bench/web_bundle.py reads it: which chunks each route loads.
    manifest: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // Stable vendor chunks: a deploy that changes only our code keeps these cached.
        manualChunks(id: string) {
          if (!id.includes("node_modules")) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return "react";
          return undefined;
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
}));
