import { useCallback, useRef, useState } from "react";
import { useClient } from "urql";
import { graphql } from "../api/graphql";

const MyDraftDocument = graphql(`
  query MyDraft($formVersionId: ID!, $customerId: ID, $workflowInstanceId: ID) {
    myDraft(formVersionId: $formVersionId, customerId: $customerId, workflowInstanceId: $workflowInstanceId) {
      id
      answers
      lockVersion
      updatedAt
    }
  }
`);

const SaveDraftDocument = graphql(`
  mutation SaveDraft($input: SaveDraftInput!) {
    saveDraft(input: $input) {
      __typename
      ... on DraftSaved {
        draft {
          id
          lockVersion
          updatedAt
        }
      }
      ... on UserError {
        code
        message
      }
    }
  }
`);

const DiscardDraftDocument = graphql(`
  mutation DiscardDraft($input: DiscardDraftInput!) {
    discardDraft(input: $input) {
      __typename
      ... on UserError {
        message
      }
    }
  }
`);

export interface ServerDraft {
  id: string;
  answers: unknown;
  lockVersion: number;
  updatedAt: string;
}

export interface DraftTarget {
  formVersionId: string;
  customerId: string | null;
  workflowInstanceId: string | null;
}

export type SaveOutcome = "saved" | "offline" | "refused";

/** Which copy to resume: the newer of this device's and the server's (ties: the server's). */
export function newerCopy(local: { savedAt: string } | undefined, server: { updatedAt: string } | null): "local" | "server" | null {
  if (!local && !server) return null;
  if (!server) return "local";
  if (!local) return "server";
  return Date.parse(local.savedAt) > Date.parse(server.updatedAt) ? "local" : "server";
}

/**
 * The server copy of the draft being filled (saveDraft / myDraft / discardDraft), so the
 * answers follow the user to another device. Saves carry the lockVersion last seen; on a
 * Conflict (the same user saved from another tab or device) the newest lockVersion is read
 * and these answers, the ones on screen, are saved over it.
 */
export function useServerDraft(target: DraftTarget) {
  const client = useClient();
  const current = useRef<ServerDraft | null>(null);
  const [draftId, setDraftId] = useState<string | null>(null);
  const { formVersionId, customerId, workflowInstanceId } = target;

  const load = useCallback(async (): Promise<ServerDraft | null | "offline"> => {
    const result = await client
      .query(MyDraftDocument, { formVersionId, customerId, workflowInstanceId }, { requestPolicy: "network-only" })
      .toPromise();
    if (result.error) return "offline";
    const draft = (result.data?.myDraft ?? null) as ServerDraft | null;
    current.current = draft;
    setDraftId(draft?.id ?? null);
    return draft;
  }, [client, formVersionId, customerId, workflowInstanceId]);

  const save = useCallback(
    async (answers: unknown): Promise<SaveOutcome> => {
      // At most one retry: after a Conflict, with the newest lockVersion.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const result = await client
          .mutation(SaveDraftDocument, {
            input: { formVersionId, customerId, workflowInstanceId, answers, lockVersion: current.current?.lockVersion ?? null },
          })
          .toPromise();
        if (result.error) return "offline";
        const answer = result.data?.saveDraft;
        if (answer?.__typename === "DraftSaved") {
          current.current = { ...answer.draft, answers };
          setDraftId(answer.draft.id);
          return "saved";
        }
        if (answer?.__typename !== "Conflict") return "refused";
        if ((await load()) === "offline") return "offline";
      }
      return "refused";
    },
    [client, formVersionId, customerId, workflowInstanceId, load],
  );

  const discard = useCallback(async (): Promise<boolean> => {
    const id = current.current?.id;
    if (!id) return true;
    const result = await client.mutation(DiscardDraftDocument, { input: { id } }).toPromise();
    if (result.error) return false;
    current.current = null;
    setDraftId(null);
    return true;
  }, [client]);

  const forget = useCallback(() => {
    current.current = null;
    setDraftId(null);
  }, []);

  return { draftId, load, save, discard, forget };
}
