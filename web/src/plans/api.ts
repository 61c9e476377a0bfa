import { graphql } from "../api/graphql";

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
      ... on ValidationFailed {
        errors {
          message
        }
      }
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
      ... on ValidationFailed {
        errors {
          path
          message
        }
      }
      ... on UserError {
        message
      }
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
      ... on ValidationFailed {
        errors {
          path
          message
        }
      }
      ... on UserError {
        message
      }
    }
  }
`);

export const DeactivatePlanDocument = graphql(`
  mutation PlansDeactivate($input: DeactivateInspectionPlanInput!) {
    deactivateInspectionPlan(input: $input) {
      __typename
      ... on UserError {
        message
      }
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
      ... on ValidationFailed {
        errors {
          message
        }
      }
      ... on UserError {
        message
      }
    }
  }
`);

export const RemoveDaysDocument = graphql(`
  mutation PlansRemoveDays($input: RemoveCalendarDaysInput!) {
    removeCalendarDays(input: $input) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);
