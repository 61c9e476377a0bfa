import { graphql } from "../api/graphql";

export const BuilderFormsDocument = graphql(`
  query BuilderForms {
    forms(first: 100) {
      nodes {
        id
        key
        category
        title
        titles {
          zhCN
          en
        }
        hasUnpublishedChanges
        updatedAt
        latestVersion {
          id
          number
        }
      }
    }
  }
`);

export const BuilderTemplateDocument = graphql(`
  query BuilderTemplate($id: ID!) {
    form(id: $id) {
      id
      draft
    }
  }
`);

export const BuilderFormDocument = graphql(`
  query BuilderForm($id: ID!) {
    form(id: $id) {
      id
      key
      title
      draft
      draftRevision
      hasUnpublishedChanges
      versions(first: 50) {
        nodes {
          id
          number
          publishedAt
          isRetired
          publishedBy {
            id
            displayName
          }
        }
      }
    }
  }
`);

export const BuilderVersionDocument = graphql(`
  query BuilderVersion($id: ID!) {
    formVersion(id: $id) {
      id
      number
      definition
    }
  }
`);

export const CreateFormDraftDocument = graphql(`
  mutation BuilderCreateForm($input: CreateFormDraftInput!) {
    createFormDraft(input: $input) {
      __typename
      ... on FormDraftSaved {
        form {
          id
        }
      }
      ... on ValidationFailed {
        message
        errors {
          pointer
          message
        }
      }
      ... on UserError {
        code
        message
      }
    }
  }
`);

export const UpdateFormDraftDocument = graphql(`
  mutation BuilderUpdateDraft($input: UpdateFormDraftInput!) {
    updateFormDraft(input: $input) {
      __typename
      ... on FormDraftSaved {
        form {
          id
          draftRevision
          hasUnpublishedChanges
        }
      }
      ... on ValidationFailed {
        message
        errors {
          pointer
          message
        }
      }
      ... on UserError {
        code
        message
      }
    }
  }
`);

export const PublishFormDocument = graphql(`
  mutation BuilderPublish($input: PublishFormInput!) {
    publishForm(input: $input) {
      __typename
      ... on FormPublished {
        created
        version {
          id
          number
        }
      }
      ... on ValidationFailed {
        message
        errors {
          pointer
          message
        }
      }
      ... on UserError {
        code
        message
      }
    }
  }
`);
