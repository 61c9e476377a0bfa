import { graphql } from "../api/graphql";

// The failure members every result of the designer selects: the server's errors with their
// JSON pointers into the definition (placed on the diagram), and any user error's message.
export const DesignerInvalid = graphql(`
  fragment DesignerInvalid on ValidationFailed {
    errors {
      pointer
      message
    }
  }
`);

export const DesignerRefused = graphql(`
  fragment DesignerRefused on UserError {
    message
  }
`);

export const DefinitionsDocument = graphql(`
  query DesignerDefinitions {
    workflowDefinitions {
      id
      key
      title
      subject
      draftRevision
      latestVersion {
        id
        number
        publishedAt
      }
    }
  }
`);

export const DefinitionDocument = graphql(`
  query DesignerDefinition($key: String!) {
    workflowDefinition(key: $key) {
      id
      key
      title
      draft
      draftRevision
      latestVersion {
        id
        number
        definition
      }
    }
  }
`);

export const VersionsDocument = graphql(`
  query DesignerVersions($key: String!) {
    workflowDefinition(key: $key) {
      id
      versions(first: 50) {
        id
        number
        publishedAt
        isRetired
        publishedBy {
          displayName
        }
      }
    }
  }
`);

export const VersionDocument = graphql(`
  query DesignerVersion($id: ID!) {
    node(id: $id) {
      ... on WorkflowVersion {
        id
        number
        definition
      }
    }
  }
`);

export const FormSchemaDocument = graphql(`
  query DesignerFormSchema($key: String!) {
    form(key: $key) {
      id
      key
      title
      draft
    }
  }
`);

export const FormKeysDocument = graphql(`
  query DesignerFormKeys {
    forms(first: 100) {
      nodes {
        id
        key
        title
      }
    }
  }
`);

export const LintDocument = graphql(`
  query DesignerLint($definition: JSON!) {
    lintWorkflowDefinition(definition: $definition) {
      severity
      element
      error {
        path
        pointer
        code
        message
      }
    }
  }
`);

export const SimulateDocument = graphql(`
  query DesignerSimulate($definition: JSON!, $steps: [SimulationStepInput!]!, $answers: JSON, $customer: JSON) {
    simulateWorkflow(definition: $definition, steps: $steps, answers: $answers, customer: $customer) {
      __typename
      ... on WorkflowSimulation {
        initialState
        state
        isFinal
        steps {
          event
          fromState
          toState
          allowed
          reason
          message
          guardMessage
          automatic
        }
      }
      ...DesignerInvalid
      ...DesignerRefused
    }
  }
`);

export const SaveDraftDocument = graphql(`
  mutation DesignerSaveDraft($input: SaveWorkflowDraftInput!) {
    saveWorkflowDraft(input: $input) {
      __typename
      ... on WorkflowDraftSaved {
        workflow {
          id
          key
          draft
          draftRevision
        }
      }
      ...DesignerInvalid
      ...DesignerRefused
    }
  }
`);

export const PublishDocument = graphql(`
  mutation DesignerPublish($input: PublishWorkflowInput!) {
    publishWorkflow(input: $input) {
      __typename
      ... on WorkflowPublished {
        created
        version {
          id
          number
          definition
        }
      }
      ...DesignerInvalid
      ...DesignerRefused
    }
  }
`);
