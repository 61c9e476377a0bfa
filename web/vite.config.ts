/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API server the dev server forwards to (`make run` listens on 8000).
const api = process.env.AUDITPORTAL_API ?? "http://127.0.0.1:8000";
const proxied = ["/graphql", "/oauth", "/.well-known", "/reports", "/files"];

export default defineConfig({
  plugins: [react()],
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
});
