import { graphql } from "../api/graphql";

// The failure members every result of this area selects: field errors with their paths,
// and the message of any user error.
export const PlansInvalid = graphql(`
  fragment PlansInvalid on ValidationFailed {
    errors {
      path
      message
    }
  }
`);

export const PlansRefused = graphql(`
  fragment PlansRefused on UserError {
    message
  }
`);

export const PlansDocument = graphql(`
  query PlansList {
    inspectionPlans(includeInactive: true) {
      id
      name
      names {
        zhCN
        en
      }
      formKey
      workflowKey
      recurrences {
        tier
        rule
      }
      targeting {
        tiers
      }
      startsOn
      leadDays
      horizonDays
      assignment
      active
      lockVersion
    }
  }
`);

export const PlanChoicesDocument = graphql(`
  query PlanChoices {
    forms(first: 100) {
      nodes {
        id
        key
        title
        latestVersion {
          id
        }
      }
    }
    workflowDefinitions {
      id
      key
      title
      latestVersion {
        id
      }
    }
  }
`);

export const PreviewDocument = graphql(`
  query PlanPreview($input: InspectionPlanPreviewInput!) {
    previewInspectionPlan(input: $input) {
      __typename
      ... on InspectionPlanPreview {
        tiers {
          tier
          rule
          occurrences {
            dueOn
            opensOn
            shifted
          }
        }
      }
      ...PlansInvalid
    }
  }
`);

export const CreatePlanDocument = graphql(`
  mutation PlansCreate($input: CreateInspectionPlanInput!) {
    createInspectionPlan(input: $input) {
      __typename
      ... on InspectionPlanSaved {
        plan {
          id
          active
          lockVersion
        }
      }
      ...PlansInvalid
      ...PlansRefused
    }
  }
`);

export const UpdatePlanDocument = graphql(`
  mutation PlansUpdate($input: UpdateInspectionPlanInput!) {
    updateInspectionPlan(input: $input) {
      __typename
      ... on InspectionPlanSaved {
        plan {
          id
          active
          lockVersion
        }
      }
      ...PlansInvalid
      ...PlansRefused
    }
  }
`);

export const DeactivatePlanDocument = graphql(`
  mutation PlansDeactivate($input: DeactivateInspectionPlanInput!) {
    deactivateInspectionPlan(input: $input) {
      __typename
      ...PlansRefused
    }
  }
`);

export const CalendarDocument = graphql(`
  query PlansCalendar($first: Date!, $last: Date!, $years: [Int!]) {
    calendarDays(first: $first, last: $last) {
      day
      working
      note
    }
    calendarYears(years: $years) {
      year
      officialData
      holidays
      workdays
      missing
      warning
    }
    workingCalendarWarning
  }
`);

export const SetDaysDocument = graphql(`
  mutation PlansSetDays($input: SetCalendarDaysInput!) {
    setCalendarDays(input: $input) {
      __typename
      ...PlansInvalid
      ...PlansRefused
    }
  }
`);

export const RemoveDaysDocument = graphql(`
  mutation PlansRemoveDays($input: RemoveCalendarDaysInput!) {
    removeCalendarDays(input: $input) {
      __typename
      ...PlansRefused
    }
  }
`);

export const ClassificationDocument = graphql(`
  query PlansClassification {
    classificationRules {
      number
      document
    }
    classificationRuleHistory(first: 10) {
      number
      note
      savedAt
      savedBy {
        displayName
      }
    }
  }
`);

export const ClassificationPreviewDocument = graphql(`
  query PlansClassificationPreview($document: JSON!) {
    previewClassificationRules(document: $document) {
      __typename
      ... on ClassificationPreview {
        total
        overridden
        changed
        tiers {
          tier
          current
          byRules
          effective
        }
      }
      ...PlansInvalid
    }
  }
`);

export const SaveClassificationDocument = graphql(`
  mutation PlansSaveClassification($input: SaveClassificationRulesInput!) {
    saveClassificationRules(input: $input) {
      __typename
      ... on ClassificationRulesSaved {
        rules {
          number
          document
        }
      }
      ...PlansInvalid
      ...PlansRefused
    }
  }
`);

export const CommunicationPlansDocument = graphql(`
  query PlansCommunicationPlans {
    targetedCommunicationPlans {
      id
      title
      channel
      rrule
      startsOn
      leadDays
      active
      targetTiers
      targetRegions
      targetTags
      owner {
        id
        displayName
      }
    }
  }
`);

export const PlanOwnersDocument = graphql(`
  query PlansOwners {
    users(filter: { active: true }, first: 100) {
      edges {
        node {
          id
          displayName
          role
        }
      }
    }
  }
`);

export const SaveCommunicationPlanDocument = graphql(`
  mutation PlansSaveCommunicationPlan($input: SaveCommunicationPlanInput!) {
    saveCommunicationPlan(input: $input) {
      __typename
      ... on CommunicationPlanSaved {
        plan {
          id
          active
        }
      }
      ...PlansInvalid
      ...PlansRefused
    }
  }
`);

export const DeactivateCommunicationPlanDocument = graphql(`
  mutation PlansDeactivateCommunicationPlan($input: DeactivateCommunicationPlanInput!) {
    deactivateCommunicationPlan(input: $input) {
      __typename
      ...PlansRefused
    }
  }
`);
