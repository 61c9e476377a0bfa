import type { CommunicationChannel, CustomerTier, SaveCommunicationPlanInput } from "../api/graphql";
import { recurrenceOf, ruleOf, type Recurrence } from "./recurrence";

/** A targeted communication plan as its form holds it, and the inputs it makes. */
export interface CommunicationValues {
  title: string;
  channel: CommunicationChannel;
  recurrence: Recurrence | null; // null: a rule only the text field shows
  rule: string;
  startsOn: string;
  leadDays: number;
  ownerId: string;
  tiers: CustomerTier[];
  regions: string[];
  tags: string[];
}

export const CHANNELS: CommunicationChannel[] = ["VISIT", "MEETING", "PHONE", "EMAIL"];
export const MAX_LEAD_DAYS = 90;

export function blankCommunication(today: string, ownerId = ""): CommunicationValues {
  return { title: "", channel: "VISIT", recurrence: { frequency: "QUARTERLY", interval: 1 }, rule: "FREQ=MONTHLY;INTERVAL=3", startsOn: today, leadDays: 7, ownerId, tiers: ["KEY"], regions: [], tags: [] };
}

interface SavedPlan {
  title: string;
  channel: CommunicationChannel;
  rrule: string;
  startsOn: string;
  leadDays: number;
  owner?: { id: string } | null;
  targetTiers: CustomerTier[];
  targetRegions: string[];
  targetTags: string[];
}

export function communicationValuesOf(plan: SavedPlan): CommunicationValues {
  return { title: plan.title, channel: plan.channel, recurrence: recurrenceOf(plan.rrule), rule: plan.rrule, startsOn: plan.startsOn, leadDays: plan.leadDays, ownerId: plan.owner?.id ?? "", tiers: plan.targetTiers, regions: plan.targetRegions, tags: plan.targetTags };
}

/** The rule the plan runs on: the picker's when it shows one, else the text as stored. */
export function ruleOfValues(values: CommunicationValues): string {
  return values.recurrence ? ruleOf(values.recurrence) : values.rule.trim();
}

export function communicationInput(values: CommunicationValues, planId: string | null): SaveCommunicationPlanInput {
  const clean = (list: string[]) => [...new Set(list.map((v) => v.trim()).filter(Boolean))];
  return { planId, title: values.title.trim(), channel: values.channel, rrule: ruleOfValues(values), startsOn: values.startsOn, leadDays: values.leadDays, ownerId: values.ownerId, tiers: values.tiers, regions: clean(values.regions), tags: clean(values.tags) };
}

/** The preview's input: the plan's rule for everyone, on the calendar day (no shift). */
export function previewInput(values: CommunicationValues, count = 4) {
  return { recurrences: [{ tier: null, rule: ruleOfValues(values) }], startsOn: values.startsOn, leadDays: Math.min(Math.max(values.leadDays, 0), MAX_LEAD_DAYS), shiftToWorkday: false, count };
}
