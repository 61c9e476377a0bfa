import { dereference, validate, type OutputUnit, type Schema } from "@cfworker/json-schema";
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from "@rjsf/utils";
import type { Language } from "../../i18n";
import { toRjsfErrors } from "./errors";

type Lookup = Record<string, Schema | boolean>;

/**
 * The data as JSON sees it: rjsf keeps a cleared field as a key with the value undefined,
 * which Ajv treats as absent (required fails, nothing else runs); cfworker would see a
 * present key of no JSON type. Objects lose their undefined keys; the rest stays as it is.
 */
export function asJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJson);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = asJson(item);
  return out;
}

/**
 * rjsf's validator on an interpreting JSON Schema 2020-12 validator (@cfworker/json-schema):
 * it walks the schema for each check instead of compiling it into a function, so the page
 * needs no 'unsafe-eval' in its Content-Security-Policy. Unknown keywords (x-title,
 * x-attachment, x-scores, ...) are annotations. Messages in the language it was made for.
 */
export class InterpretingValidator implements ValidatorType<unknown, RJSFSchema> {
  private lookups = new WeakMap<object, Lookup>();

  constructor(readonly language: Language) {}

  private lookup(schema: RJSFSchema): Lookup {
    let lookup = this.lookups.get(schema);
    if (!lookup) {
      lookup = dereference(schema as Schema);
      this.lookups.set(schema, lookup);
    }
    return lookup;
  }

  private run(schema: RJSFSchema, formData: unknown, lookup: Lookup): { valid: boolean; errors: OutputUnit[] } {
    // shortCircuit false: every error, as Ajv's allErrors gave.
    return validate(asJson(formData), schema as Schema, "2020-12", lookup, false);
  }

  /** Raw cfworker output units, or the error a broken schema raised. */
  rawValidation<Result = OutputUnit>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const result = this.run(schema, formData, this.lookup(schema));
      return { errors: result.valid ? undefined : (result.errors as Result[]) };
    } catch (error) {
      return { validationError: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /** rjsf's errors (on their fields, translated) for the whole form. */
  toErrors(schema: RJSFSchema, formData: unknown, uiSchema?: UiSchema): { errors: RJSFValidationError[]; validationError?: Error } {
    const { errors, validationError } = this.rawValidation<OutputUnit>(schema, formData);
    return { errors: toRjsfErrors(errors ?? [], schema, this.language, uiSchema), validationError };
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator<unknown, RJSFSchema>,
    transformErrors?: ErrorTransformer<unknown, RJSFSchema>,
    uiSchema?: UiSchema<unknown, RJSFSchema>,
  ): ValidationData<unknown> {
    const { errors: found, validationError } = this.toErrors(schema, formData, uiSchema);
    let errors = validationError ? [...found, { stack: validationError.message }] : found;
    if (typeof transformErrors === "function") errors = transformErrors(errors, uiSchema);
    let errorSchema = toErrorSchema<unknown>(errors);
    if (validationError) errorSchema = { ...errorSchema, $schema: { __errors: [validationError.message] } } as typeof errorSchema;
    if (typeof customValidate !== "function") return { errors, errorSchema };
    // As @rjsf/validator-ajv8: custom validation sees the form data with its defaults.
    const withDefaults = getDefaultFormState<unknown, RJSFSchema>(this, schema, formData, schema, true);
    const handler = customValidate(withDefaults, createErrorHandler<unknown>(withDefaults), uiSchema, errorSchema);
    return validationDataMerge<unknown>({ errors, errorSchema }, unwrapErrorHandler<unknown>(handler));
  }

  /** Whether the data fits `schema` (rjsf asks for if/then/else and anyOf/oneOf options). */
  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      // $refs in a part of the form point into the whole form.
      const lookup = schema === rootSchema ? this.lookup(rootSchema) : { ...this.lookup(schema), ...this.lookup(rootSchema) };
      return this.run(schema, formData, lookup).valid;
    } catch (error) {
      console.warn("Error encountered validating schema:", error);
      return false;
    }
  }

  reset(): void {
    this.lookups = new WeakMap();
  }
}
