"""GraphQL documents the tests share."""

CREATE_DRAFT = """
mutation($definition: JSON!) {
  createFormDraft(input: {definition: $definition}) {
    __typename
    ... on FormDraftSaved { form { id key draftRevision hasUnpublishedChanges } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path pointer code message } }
  }
}
"""

UPDATE_DRAFT = """
mutation($formId: ID!, $definition: JSON!, $rev: Int) {
  updateFormDraft(input: {formId: $formId, definition: $definition, expectedDraftRevision: $rev}) {
    __typename
    ... on FormDraftSaved { form { id draftRevision hasUnpublishedChanges } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""

PUBLISH = """
mutation($formId: ID!) {
  publishForm(input: {formId: $formId}) {
    __typename
    ... on FormPublished { created version { id number contentHash isRetired publishedBy { username } } }
    ... on UserError { code message }
  }
}
"""

RETIRE = """
mutation($id: ID!) {
  retireFormVersion(input: {formVersionId: $id}) {
    __typename
    ... on FormVersionRetired { version { id isRetired retiredAt } }
    ... on UserError { code message }
  }
}
"""

SUBMIT = """
mutation($input: SubmitFormInput!) {
  submitForm(input: $input) {
    __typename
    ... on SubmissionAccepted {
      replayed
      submission {
        id revision answers hasFindings
        score { raw max percent passed sections { key weight raw max percent title } }
        findings { path pointer severity title answer }
        submittedBy { username }
        customer { code }
      }
    }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path pointer code message } }
  }
}
"""

REVISE = """
mutation($input: ReviseSubmissionInput!) {
  reviseSubmission(input: $input) {
    __typename
    ... on SubmissionAccepted {
      replayed
      submission { id revision revisionReason score { percent } revises { id } }
    }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
