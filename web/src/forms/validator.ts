import type { Language } from "../i18n";
import { InterpretingValidator } from "./validation/validator";

// The browser checks with the draft the server uses (JSON Schema 2020-12), by an interpreting
// validator (no code generated at run time, so the CSP needs no 'unsafe-eval'). Unknown x-
// keywords (titles per language, attachments, scoring) are annotations for us, not errors.
// Messages in the language on screen, worded as the server words them.
const cache = new Map<Language, InterpretingValidator>();

export function formValidator(language: Language): InterpretingValidator {
  let validator = cache.get(language);
  if (!validator) {
    validator = new InterpretingValidator(language);
    cache.set(language, validator);
  }
  return validator;
}
