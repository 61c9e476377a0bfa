import { graphql } from "./graphql";

// The result fragments every mutation shares: spread them by name (`...UserErrorFields`,
// `...FieldErrorFields`); codegen adds their definitions to each document that uses them.
export const UserErrorFields = graphql(`
  fragment UserErrorFields on UserError {
    code
    message
  }
`);

export const FieldErrorFields = graphql(`
  fragment FieldErrorFields on ValidationFailed {
    errors {
      path
      message
    }
  }
`);
