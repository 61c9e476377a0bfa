import { graphql } from "../api/graphql";

export const DashboardKpisDocument = graphql(`
  query DashboardKpis($filter: KpiFilterInput) {
    kpis(filter: $filter) {
      inspectionCompletion {
        numerator
        denominator
        rate
      }
      findingsPerSubmission {
        numerator
        denominator
        rate
      }
      creditGrades {
        key
        count
      }
      auditorWorkload {
        auditorId
        open
        overdue
      }
      efficiency {
        onTime {
          numerator
          denominator
          rate
        }
        onTimeByMonth {
          month
          ratio {
            numerator
            denominator
            rate
          }
        }
      }
      discovery {
        bySeverity {
          severity
          count
        }
      }
      satisfaction {
        nps {
          score
          responses
          promoters
          detractors
        }
        trend {
          month
          nps {
            score
            responses
          }
        }
      }
      risk {
        heatMap {
          likelihood
          impact
          count
        }
      }
    }
  }
`);

export const DashboardOptionsDocument = graphql(`
  query DashboardOptions {
    users(first: 100) {
      nodes {
        id
        username
        displayName
        role
      }
    }
    forms(filter: { publishedOnly: true }, first: 100) {
      nodes {
        id
        title
      }
    }
  }
`);

export const DashboardRowsDocument = graphql(`
  query DashboardRows($kpi: KpiKind!, $filter: KpiFilterInput, $first: Int) {
    kpiRows(kpi: $kpi, filter: $filter, first: $first) {
      totalCount
      hasNextPage
      nodes {
        id
        kind
        customerId
        customerName
        label
        at
        detail
      }
    }
  }
`);

export const DashboardPrintDocument = graphql(`
  mutation DashboardPrint($input: RequestReportInput!) {
    requestReport(input: $input) {
      __typename
      ... on ReportRequested {
        report {
          id
          status
        }
      }
      ... on UserError {
        message
      }
    }
  }
`);
