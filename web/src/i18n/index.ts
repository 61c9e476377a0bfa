import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { shellMessages } from "./shell";

export type Language = "zh-CN" | "en";
export const LANGUAGES: Language[] = ["zh-CN", "en"];
const STORAGE_KEY = "auditportal.language";

/** The remembered choice, else zh-CN when the browser prefers Chinese, else English. */
export function initialLanguage(): Language {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  if (saved === "zh-CN" || saved === "en") return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("zh")) return "zh-CN";
    if (lower.startsWith("en")) return "en";
  }
  return "zh-CN";
}

export function currentLanguage(): Language {
  return (i18next.language as Language) || initialLanguage();
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  dayjs.locale(language === "zh-CN" ? "zh-cn" : "en");
}

export async function setLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, language);
  applyLanguage(language);
  await i18next.changeLanguage(language);
}

/** An area's texts, under its own namespace: t("work:title") or useTranslation("work"). */
export type Messages = { [key: string]: string | Messages };
export interface AreaMessages {
  "zh-CN": Messages;
  en: Messages;
}

export function addMessages(namespace: string, messages: AreaMessages): void {
  for (const language of LANGUAGES) {
    i18next.addResourceBundle(language, namespace, messages[language], true, true);
  }
}

export function initI18n(): typeof i18next {
  const language = initialLanguage();
  applyLanguage(language);
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: "en",
    supportedLngs: LANGUAGES,
    defaultNS: "shell",
    ns: ["shell"],
    resources: { "zh-CN": { shell: shellMessages["zh-CN"] }, en: { shell: shellMessages.en } },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return i18next;
}
