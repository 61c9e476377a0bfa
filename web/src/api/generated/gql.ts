/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query OfferedForms {\n    forms(filter: { publishedOnly: true }, first: 100) {\n      nodes {\n        id\n        key\n        title\n        description\n        category\n        latestVersion {\n          id\n          number\n        }\n      }\n    }\n  }\n": typeof types.OfferedFormsDocument,
    "\n  query Viewer {\n    me {\n      role\n      scopes\n      language\n      user {\n        id\n        username\n        displayName\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query MyWork($filter: WorkflowInstanceFilter, $after: String) {\n    workflowInstances(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        stateTitle\n        dueAt\n        isOverdue\n        version {\n          id\n          definition\n        }\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": typeof types.MyWorkDocument,
    "\n  query Task($id: ID!) {\n    workflowInstance(id: $id) {\n      id\n      state\n      stateTitle\n      dueAt\n      isOverdue\n      lockVersion\n      version {\n        id\n        definition\n      }\n      customer {\n        id\n        code\n        name\n      }\n      assignee {\n        id\n        displayName\n      }\n      history {\n        sequence\n        fromState\n        toState\n        event\n        actor\n        comment\n        occurredAt\n      }\n      availableTransitions {\n        event\n        toState\n        title\n        allowed\n        reason\n        message\n        guardMessage\n      }\n      reports {\n        id\n        language\n        createdAt\n        downloadUrl\n      }\n    }\n  }\n": typeof types.TaskDocument,
    "\n  mutation FireTransition($input: FireTransitionInput!) {\n    fireTransition(input: $input) {\n      __typename\n      ... on TransitionFired {\n        instance {\n          id\n          state\n          stateTitle\n          lockVersion\n        }\n      }\n      ... on UserError {\n        message\n        code\n      }\n    }\n  }\n": typeof types.FireTransitionDocument,
};
const documents: Documents = {
    "\n  query OfferedForms {\n    forms(filter: { publishedOnly: true }, first: 100) {\n      nodes {\n        id\n        key\n        title\n        description\n        category\n        latestVersion {\n          id\n          number\n        }\n      }\n    }\n  }\n": types.OfferedFormsDocument,
    "\n  query Viewer {\n    me {\n      role\n      scopes\n      language\n      user {\n        id\n        username\n        displayName\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query MyWork($filter: WorkflowInstanceFilter, $after: String) {\n    workflowInstances(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        stateTitle\n        dueAt\n        isOverdue\n        version {\n          id\n          definition\n        }\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n": types.MyWorkDocument,
    "\n  query Task($id: ID!) {\n    workflowInstance(id: $id) {\n      id\n      state\n      stateTitle\n      dueAt\n      isOverdue\n      lockVersion\n      version {\n        id\n        definition\n      }\n      customer {\n        id\n        code\n        name\n      }\n      assignee {\n        id\n        displayName\n      }\n      history {\n        sequence\n        fromState\n        toState\n        event\n        actor\n        comment\n        occurredAt\n      }\n      availableTransitions {\n        event\n        toState\n        title\n        allowed\n        reason\n        message\n        guardMessage\n      }\n      reports {\n        id\n        language\n        createdAt\n        downloadUrl\n      }\n    }\n  }\n": types.TaskDocument,
    "\n  mutation FireTransition($input: FireTransitionInput!) {\n    fireTransition(input: $input) {\n      __typename\n      ... on TransitionFired {\n        instance {\n          id\n          state\n          stateTitle\n          lockVersion\n        }\n      }\n      ... on UserError {\n        message\n        code\n      }\n    }\n  }\n": types.FireTransitionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfferedForms {\n    forms(filter: { publishedOnly: true }, first: 100) {\n      nodes {\n        id\n        key\n        title\n        description\n        category\n        latestVersion {\n          id\n          number\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OfferedForms {\n    forms(filter: { publishedOnly: true }, first: 100) {\n      nodes {\n        id\n        key\n        title\n        description\n        category\n        latestVersion {\n          id\n          number\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      role\n      scopes\n      language\n      user {\n        id\n        username\n        displayName\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      role\n      scopes\n      language\n      user {\n        id\n        username\n        displayName\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWork($filter: WorkflowInstanceFilter, $after: String) {\n    workflowInstances(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        stateTitle\n        dueAt\n        isOverdue\n        version {\n          id\n          definition\n        }\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyWork($filter: WorkflowInstanceFilter, $after: String) {\n    workflowInstances(filter: $filter, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        stateTitle\n        dueAt\n        isOverdue\n        version {\n          id\n          definition\n        }\n        customer {\n          id\n          code\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Task($id: ID!) {\n    workflowInstance(id: $id) {\n      id\n      state\n      stateTitle\n      dueAt\n      isOverdue\n      lockVersion\n      version {\n        id\n        definition\n      }\n      customer {\n        id\n        code\n        name\n      }\n      assignee {\n        id\n        displayName\n      }\n      history {\n        sequence\n        fromState\n        toState\n        event\n        actor\n        comment\n        occurredAt\n      }\n      availableTransitions {\n        event\n        toState\n        title\n        allowed\n        reason\n        message\n        guardMessage\n      }\n      reports {\n        id\n        language\n        createdAt\n        downloadUrl\n      }\n    }\n  }\n"): (typeof documents)["\n  query Task($id: ID!) {\n    workflowInstance(id: $id) {\n      id\n      state\n      stateTitle\n      dueAt\n      isOverdue\n      lockVersion\n      version {\n        id\n        definition\n      }\n      customer {\n        id\n        code\n        name\n      }\n      assignee {\n        id\n        displayName\n      }\n      history {\n        sequence\n        fromState\n        toState\n        event\n        actor\n        comment\n        occurredAt\n      }\n      availableTransitions {\n        event\n        toState\n        title\n        allowed\n        reason\n        message\n        guardMessage\n      }\n      reports {\n        id\n        language\n        createdAt\n        downloadUrl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FireTransition($input: FireTransitionInput!) {\n    fireTransition(input: $input) {\n      __typename\n      ... on TransitionFired {\n        instance {\n          id\n          state\n          stateTitle\n          lockVersion\n        }\n      }\n      ... on UserError {\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation FireTransition($input: FireTransitionInput!) {\n    fireTransition(input: $input) {\n      __typename\n      ... on TransitionFired {\n        instance {\n          id\n          state\n          stateTitle\n          lockVersion\n        }\n      }\n      ... on UserError {\n        message\n        code\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;