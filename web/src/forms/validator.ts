import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020";
import localizeZh from "ajv-i18n/localize/zh";
import localizeEn from "ajv-i18n/localize/en";
import type { Language } from "../i18n";

// The browser checks with the draft the server uses (JSON Schema 2020-12); rjsf's default
// validator speaks draft-07. Unknown x- keywords (titles per language, attachments, scoring)
// are annotations for us, not errors. Messages in the language on screen (ajv-i18n).
const cache = new Map<Language, ReturnType<typeof customizeValidator>>();

export function formValidator(language: Language) {
  let validator = cache.get(language);
  if (!validator) {
    validator = customizeValidator(
      { AjvClass: Ajv2020, ajvOptionsOverrides: { strict: false, allErrors: true } },
      language === "zh-CN" ? localizeZh : localizeEn,
    );
    cache.set(language, validator);
  }
  return validator;
}
