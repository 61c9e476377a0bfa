import { graphql } from "../api/graphql";

export const ImportFields = graphql(`
  fragment ImportFields on CustomerImport {
    id
    fileName
    sizeBytes
    fileFormat
    headers
    mapping {
      column
      field
    }
    status
    statusLabel
    canCommit
    progress {
      done
      total
    }
    totalRows
    counts {
      created
      changed
      unchanged
      rejected
      changedFields {
        field
        count
      }
    }
    dryRunCounts {
      created
      changed
      unchanged
      rejected
    }
    rejections {
      row
      column
      code
      message
    }
    error
    createdAt
  }
`);

export const ImportDocument = graphql(`
  query AdminCustomerImport($id: ID!) {
    customerImport(id: $id) {
      ...ImportFields
    }
  }
`);

export const ImportsDocument = graphql(`
  query AdminCustomerImports($after: String) {
    customerImports(first: 10, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        fileName
        status
        statusLabel
        createdAt
        counts {
          created
          changed
          rejected
        }
      }
    }
  }
`);

export const UploadDocument = graphql(`
  mutation AdminUploadCustomerFile($input: UploadCustomerFileInput!) {
    uploadCustomerFile(input: $input) {
      __typename
      ... on CustomerFileUploaded {
        customerImport {
          id
        }
      }
      ...UserErrorFields
    }
  }
`);

export const SetMappingDocument = graphql(`
  mutation AdminSetImportMapping($input: SetImportMappingInput!) {
    setImportMapping(input: $input) {
      __typename
      ... on ImportMappingSet {
        customerImport {
          ...ImportFields
        }
      }
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

export const DryRunDocument = graphql(`
  mutation AdminStartImportDryRun($input: ImportIdInput!) {
    startImportDryRun(input: $input) {
      __typename
      ... on ImportDryRunStarted {
        customerImport {
          ...ImportFields
        }
      }
      ...UserErrorFields
    }
  }
`);

export const CommitDocument = graphql(`
  mutation AdminCommitImport($input: ImportIdInput!) {
    commitImport(input: $input) {
      __typename
      ... on ImportCommitStarted {
        customerImport {
          ...ImportFields
        }
      }
      ...UserErrorFields
    }
  }
`);
