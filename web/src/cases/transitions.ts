import { localized } from "../shell/localized";

/** A transition as the API lists it (`availableTransitions`). */
export interface TransitionOption {
  event: string;
  toState: string;
  title?: string | null;
  allowed: boolean;
  reason?: string | null;
  message?: string | null;
  guardMessage?: string | null;
}

/** One field of a transition's input schema that the panel can ask for. */
export interface InputField {
  name: string;
  label: string;
  kind: "string" | "text" | "number" | "integer" | "boolean" | "choice";
  required: boolean;
  choices: { value: string | number; label: string }[];
}

/** A transition ready for the panel: what it is called, whether and why not, what it needs. */
export interface PanelTransition {
  key: string;
  event: string;
  name: string;
  allowed: boolean;
  refusal: string | null;
  commentRequired: boolean;
  /** The form key when the step takes a filled form (filled on the fill page, not here). */
  form: string | null;
  fields: InputField[];
}

interface DefinitionTransition {
  event?: unknown;
  to?: unknown;
  from?: unknown;
  commentRequired?: unknown;
  input?: { form?: unknown; schema?: unknown } | null;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The definition's own entry for an option (same event and target, from the current state). */
export function definitionTransition(definition: unknown, option: TransitionOption, state?: string): DefinitionTransition | null {
  const transitions = isObject(definition) && Array.isArray(definition.transitions) ? (definition.transitions as unknown[]) : [];
  const matches = transitions.filter(
    (entry): entry is DefinitionTransition => isObject(entry) && entry.event === option.event && entry.to === option.toState,
  );
  const here = state ? matches.find((entry) => Array.isArray(entry.from) && entry.from.includes(state)) : undefined;
  return here ?? matches[0] ?? null;
}

/** The flat fields of an input schema; nested objects and arrays are not asked for here. */
export function inputFields(schema: unknown): InputField[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  const fields: InputField[] = [];
  for (const [name, raw] of Object.entries(schema.properties)) {
    if (!isObject(raw)) continue;
    const label = localized(raw["x-title"] ?? raw.title, name);
    const base = { name, label, required: required.includes(name), choices: [] as InputField["choices"] };
    const options = Array.isArray(raw.oneOf) ? (raw.oneOf as unknown[]).filter(isObject).filter((o) => "const" in o) : [];
    if (Array.isArray(raw.enum)) {
      const values = (raw.enum as unknown[]).filter((v): v is string | number => typeof v === "string" || typeof v === "number");
      fields.push({ ...base, kind: "choice", choices: values.map((value) => ({ value, label: String(value) })) });
    } else if (options.length) {
      fields.push({
        ...base,
        kind: "choice",
        choices: options.map((o) => ({ value: o.const as string | number, label: localized(o["x-title"] ?? o.title, String(o.const)) })),
      });
    } else if (raw.type === "boolean") {
      fields.push({ ...base, kind: "boolean" });
    } else if (raw.type === "number" || raw.type === "integer") {
      fields.push({ ...base, kind: raw.type });
    } else if (raw.type === "string" || raw.type === undefined) {
      const long = typeof raw.maxLength !== "number" || raw.maxLength > 200;
      fields.push({ ...base, kind: long ? "text" : "string" });
    }
  }
  return fields;
}

/**
 * The transitions the panel shows, in the API's order. `hideRoleRefusals`: steps for other roles
 * (reason "role") are not this person's choices (the reviewer's view); refusals by a guard or
 * state stay, with the workflow's reason.
 */
export function panelTransitions(
  options: readonly TransitionOption[],
  definition: unknown,
  { state, hideRoleRefusals = false, refusedText }: { state?: string; hideRoleRefusals?: boolean; refusedText: string },
): PanelTransition[] {
  return options
    .filter((option) => !hideRoleRefusals || option.allowed || option.reason !== "role")
    .map((option) => {
      const own = definitionTransition(definition, option, state);
      const form = own && isObject(own.input) && typeof own.input.form === "string" ? own.input.form : null;
      return {
        key: `${option.event}-${option.toState}`,
        event: option.event,
        name: option.title ?? option.event,
        allowed: option.allowed,
        refusal: option.allowed ? null : (option.guardMessage ?? option.message ?? refusedText),
        commentRequired: own?.commentRequired === true,
        form,
        fields: own && isObject(own.input) ? inputFields(own.input.schema) : [],
      };
    });
}

export type InputValues = Record<string, unknown>;

function empty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** What is still missing before the step can be fired: "comment" and required field names. */
export function missingInput(transition: PanelTransition, comment: string, values: InputValues): string[] {
  const missing: string[] = [];
  if (transition.commentRequired && comment.trim() === "") missing.push("comment");
  for (const field of transition.fields) {
    if (field.required && field.kind !== "boolean" && empty(values[field.name])) missing.push(field.name);
  }
  return missing;
}

/** The `input` sent with the step: the filled fields only (null when the step takes none). */
export function inputPayload(transition: PanelTransition, values: InputValues): InputValues | null {
  if (!transition.fields.length) return null;
  const payload: InputValues = {};
  for (const field of transition.fields) {
    const value = values[field.name];
    if (field.kind === "boolean") payload[field.name] = value === true;
    else if (!empty(value)) payload[field.name] = typeof value === "string" ? value.trim() : value;
  }
  return payload;
}

/** Whether the panel asks for a comment: only when the person can take a step here (one not
 *  taken by submitting the checklist); a box for a comment nobody can send is noise. */
export function takesComment(transitions: readonly PanelTransition[]): boolean {
  return transitions.some((transition) => transition.allowed && transition.form === null);
}
