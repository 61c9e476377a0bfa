// The typed `graphql()` tag; documents are checked against schema/schema.graphql by codegen.
export { graphql } from "./generated";
export type * from "./generated/graphql";
