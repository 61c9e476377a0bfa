import type { ColProps } from "antd";
import type { Language } from "../i18n";

/** What the rjsf antd templates read from `formContext` to lay out labels. */
export interface FormLayout {
  colon: boolean;
  labelCol: ColProps;
  wrapperCol: ColProps;
  labelAlign: "left" | "right";
}

/**
 * Chinese forms follow the antd convention for Chinese: the label beside its field,
 * right-aligned, ending in a colon (冒号). From 992px (lg) wide; on a portrait tablet and a phone
 * the label stacks above the field again. English keeps labels above fields everywhere.
 */
export function formLayout(language: Language): FormLayout {
  if (language === "zh-CN") {
    return { colon: true, labelCol: { xs: { span: 24 }, lg: { span: 7 } }, wrapperCol: { xs: { span: 24 }, lg: { span: 17 } }, labelAlign: "right" };
  }
  return { colon: false, labelCol: { span: 24 }, wrapperCol: { span: 24 }, labelAlign: "left" };
}

/** The class the fill card carries, so CSS can align labels and titles per language. */
export function layoutClass(language: Language): string {
  return language === "zh-CN" ? "fill-card form-labels-side" : "fill-card form-labels-top";
}
