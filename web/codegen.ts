import type { CodegenConfig } from "@graphql-codegen/cli";

// Types for every inline graphql() document, from the committed schema snapshot.
// `npm run codegen:check` regenerates into a temp folder and fails when src/api/generated differs.
const out = process.env.CODEGEN_OUT ?? "src/api/generated/";

const config: CodegenConfig = {
  schema: "../schema/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/api/generated/**"],
  ignoreNoDocuments: true,
  generates: {
    [out]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", Date: "string", JSON: "unknown", UUID: "string", Decimal: "string", Upload: "File" },
      },
    },
  },
};
export default config;
