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

const lazyMarkdownModule = fileURLToPath(new URL("./src/forms/lazyMarkdown.tsx", import.meta.url));

/** rjsf's `markdown-to-jsx/react` imports get src/forms/lazyMarkdown.tsx, which loads the real one on use. */
function lazyMarkdown(): Plugin {
  return {
    name: "lazy-markdown",
    enforce: "pre",
    resolveId(source, importer) {
      if (source !== "markdown-to-jsx/react" || !importer || importer === lazyMarkdownModule) return null;
      return lazyMarkdownModule;
    },
  };
}

/**
 * antd's form engine (@rc-component/form, its async-validator) declares no `sideEffects`, so
 * the shell's menus and popovers, which only read its FormProvider context, pulled the whole
 * engine into the first screen (about 14 KB gz). Its modules only define things: say so.
 */
function sideEffectFreeFormEngine(): Plugin {
  return {
    name: "side-effect-free-form-engine",
    apply: "build",
    transform(code, id) {
      if (!/node_modules\/@rc-component\/(form|async-validator)\//.test(id)) return null;
      return { code, map: null, moduleSideEffects: false };
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
  plugins: [inlineGraphqlDocuments(), lazyMarkdown(), sideEffectFreeFormEngine(), react()],
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
