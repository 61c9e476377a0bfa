// The verifier pool of a plan and the choices of a reassignment: plain logic, tested with Vitest.

export interface Verifier {
  id: string;
  name: string;
  role: string;
  team?: string | null;
}

/** The teams staff belong to, sorted, each once. */
export function teamsOf(verifiers: Verifier[]): string[] {
  return [...new Set(verifiers.map((v) => v.team).filter((team): team is string => !!team))].sort();
}

/** Who verifies under a pool: the named users and the staff of the named teams; everyone when both are empty. */
export function poolMembers(verifiers: Verifier[], verifierIds: string[], verifierTeams: string[]): Verifier[] {
  if (verifierIds.length === 0 && verifierTeams.length === 0) return verifiers;
  const ids = new Set(verifierIds);
  const teams = new Set(verifierTeams);
  return verifiers.filter((v) => ids.has(v.id) || (!!v.team && teams.has(v.team)));
}

/** How the pool reads in a table or under the editor: "everyone", or the members' names. */
export function poolSummary(verifiers: Verifier[], verifierIds: string[], verifierTeams: string[], everyone: string): string {
  if (verifierIds.length === 0 && verifierTeams.length === 0) return everyone;
  const names = poolMembers(verifiers, verifierIds, verifierTeams).map((v) => v.name);
  return names.length ? names.join("、") : "—";
}

/** A pool that can only ever verify others' work needs two people; one person can never verify their own. */
export function poolWarning(verifiers: Verifier[], verifierIds: string[], verifierTeams: string[]): "empty" | "single" | null {
  if (verifierIds.length === 0 && verifierTeams.length === 0) return null;
  const members = poolMembers(verifiers, verifierIds, verifierTeams);
  if (members.length === 0) return "empty";
  return members.length === 1 ? "single" : null;
}

export interface ReassignItem {
  verifierId?: string | null;
  submittedById: string;
}

/** Whom an open verification may go to: active staff, never its submitter, not who has it now. */
export function reassignChoices(verifiers: Verifier[], item: ReassignItem): Verifier[] {
  return verifiers.filter((v) => v.id !== item.submittedById && v.id !== item.verifierId);
}

/** The name of a verifier by id, or the fallback when unknown (inactive, or none). */
export function verifierName(verifiers: Verifier[], id: string | null | undefined, fallback: string): string {
  return verifiers.find((v) => v.id === id)?.name ?? fallback;
}
