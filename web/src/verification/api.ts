import { graphql } from "../api/graphql";

export const PlansDocument = graphql(`
  query VerificationPlans {
    verificationPlans {
      id
      name
      formIds
      periodUnit
      sizing
      tierSizes {
        tier
        size
      }
      confidence
      tolerableError
      expectedError
      active
      verifierIds
      verifierTeams
      dueDays
    }
    verificationVerifiers {
      id
      name
      role
      team
    }
    forms(first: 100) {
      nodes {
        id
        title
      }
    }
  }
`);

export const DrawsDocument = graphql(`
  query VerificationDraws($planId: ID!) {
    verificationDraws(planId: $planId) {
      id
      period
      seed
      drawnAt
      dueAt
      strata {
        tier
        population
        sample
      }
    }
  }
`);

export const DrawItemsDocument = graphql(`
  query VerificationDrawItems($drawId: ID!) {
    verificationDrawItems(drawId: $drawId) {
      id
      tier
      status
      verifierId
      submittedById
      submission {
        id
        customer {
          code
          name
        }
      }
    }
  }
`);

export const ReassignDocument = graphql(`
  mutation ReassignVerification($input: ReassignVerificationInput!) {
    reassignVerification(input: $input) {
      __typename
      ... on VerificationReassigned {
        verification {
          id
          verifierId
        }
      }
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

export const SavePlanDocument = graphql(`
  mutation SaveVerificationPlan($input: SaveVerificationPlanInput!) {
    saveVerificationPlan(input: $input) {
      __typename
      ... on VerificationPlanSaved {
        plan {
          id
        }
      }
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

export const DeletePlanDocument = graphql(`
  mutation DeleteVerificationPlan($input: DeleteVerificationPlanInput!) {
    deleteVerificationPlan(input: $input) {
      __typename
      ...UserErrorFields
    }
  }
`);

export const DrawDocument = graphql(`
  mutation DrawVerificationSample($input: DrawVerificationSampleInput!) {
    drawVerificationSample(input: $input) {
      __typename
      ... on VerificationSampleDrawn {
        draw {
          id
          seed
        }
        items {
          id
        }
      }
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

export const MyVerificationsDocument = graphql(`
  query MyVerifications {
    myVerifications(first: 200) {
      id
      period
      tier
      status
      fieldsVerified
      discrepancyCount
    }
  }
`);

export const VerificationDocument = graphql(`
  query Verification($id: ID!) {
    verification(id: $id) {
      id
      period
      tier
      status
      comment
      correctionId
      discrepancies {
        pointer
        recordedValue
        verifiedValue
        reason
      }
      submission {
        id
        answers
        submittedAt
        form {
          title
        }
        customer {
          name
          code
        }
        formVersion {
          localizedSchema
        }
      }
    }
  }
`);

export const RecordDocument = graphql(`
  mutation RecordVerification($input: RecordVerificationInput!) {
    recordVerification(input: $input) {
      __typename
      ... on VerificationRecorded {
        verification {
          id
          status
        }
      }
      ...FieldErrorFields
      ...UserErrorFields
    }
  }
`);

export const CorrectionDocument = graphql(`
  mutation OpenVerificationCorrection($input: OpenVerificationCorrectionInput!) {
    openVerificationCorrection(input: $input) {
      __typename
      ... on VerificationCorrectionOpened {
        correction {
          id
          revision
        }
      }
      ...UserErrorFields
    }
  }
`);

export const AccuracyDocument = graphql(`
  query VerificationAccuracy($by: AccuracyDimension!, $period: String) {
    verificationAccuracy(by: $by, period: $period) {
      key
      label
      verifications
      fieldsVerified
      discrepancies
      rate
      low
      high
    }
  }
`);

/** The message of a typed error result, the first field error's when it has them. */
export function resultMessage(answer: unknown, fallback = ""): string {
  if (!answer || typeof answer !== "object") return fallback;
  const a = answer as { message?: string; errors?: { message: string }[] };
  return a.errors?.[0]?.message ?? a.message ?? fallback;
}
