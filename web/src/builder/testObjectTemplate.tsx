import { createElement, memo, useContext, useLayoutEffect, useState, useSyncExternalStore, type ReactElement, type ReactNode } from "react";
import { Templates } from "@rjsf/antd";
import { Col, ConfigProvider, Row } from "antd";
// antd's own (unexported) context, deep-imported: antd 6.6 has no exports map and is pinned.
import { NoStyleItemContext } from "antd/es/form/context";
import { buttonId, canExpand, deepEquals, getTemplate, getUiOptions, titleId, type FieldTemplateProps, type ObjectFieldTemplateProps, type ObjectFieldTemplatePropertyType } from "@rjsf/utils";

/**
 * @rjsf/antd's ObjectFieldTemplate (6.10), the same markup, with each property's column
 * memoized. rjsf re-renders a section's template on every answer in it and antd's Col is not
 * memoized: a 60-question section re-rendered 60 columns (and their antd style hooks) per
 * click, the larger part of an answer's cost in test mode. A property's column now renders
 * again only when its props change, as rjsf's own SchemaField decides (deep equality,
 * functions alike).
 *
 * Second, antd's Form.Item hands its nested items a callback made anew on every render
 * (NoStyleItemContext, read only by `noStyle` items, which rjsf never renders): with rjsf's
 * nested items (the form, a section, a question) every answer re-rendered every Form.Item of
 * the form, 306 of them on a 300-question form. Each object's properties get that context's
 * default (null, what a top-level item sees) again, a value that never changes, so an answer
 * re-renders the items on its own path only.
 */
const PropertyCol = memo(
  function PropertyCol({ span, content }: { span: number | undefined; content: ReactElement }) {
    return <Col span={span}>{content}</Col>;
  },
  (a, b) => a.span === b.span && a.content.type === b.content.type && a.content.key === b.content.key && deepEquals(a.content.props, b.content.props),
);

type ColSpan = number | Record<string, number>;

export function TestObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { disabled, formData, fieldPathId, onAddProperty, optionalDataControl, properties, readonly, required, registry, schema, title, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const formContext = (registry.formContext ?? {}) as { colSpan?: ColSpan; labelAlign?: string; rowGutter?: number };
  const { colSpan = 24, labelAlign = "right", rowGutter = 24 } = formContext;
  const showOptionalDataControlInTitle = !readonly && !disabled;
  const { AddButton } = registry.templates.ButtonTemplates;
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const labelClsBasic = `${getPrefixCls("form")}-item-label`;
  const labelColClassName = labelAlign === "left" ? `${labelClsBasic} ${labelClsBasic}-left` : labelClsBasic;
  const spanOf = (element: ObjectFieldTemplatePropertyType): number | undefined => {
    const content = element.content as ReactElement<{ schema?: { type?: unknown }; uiSchema?: unknown }>;
    const type = content.props.schema?.type;
    const ui = getUiOptions(content.props.uiSchema as never);
    const field = ui.field;
    const widget = ui.widget;
    const fallback = properties.length < 2 || type === "object" || type === "array" || widget === "textarea" ? 24 : 12;
    if (typeof colSpan === "object" && colSpan !== null) {
      if (typeof widget === "string") return colSpan[widget];
      if (typeof field === "string") return colSpan[field];
      if (typeof type === "string") return colSpan[type];
    }
    if (typeof colSpan === "number") return colSpan;
    return fallback;
  };
  return (
    <fieldset id={fieldPathId.$id}>
      <NoStyleItemContext.Provider value={null}>
        <Row gutter={rowGutter}>
          {title ? (
            <Col className={labelColClassName} span={24}>
              {/* The registry's template (or the field's own, by name), as rjsf's getTemplate picks it. */}
              {createElement(getTemplate("TitleFieldTemplate", registry, uiOptions), { id: titleId(fieldPathId), title, required, schema, uiSchema, registry, optionalDataControl: showOptionalDataControlInTitle ? optionalDataControl : undefined })}
            </Col>
          ) : null}
          {!showOptionalDataControlInTitle ? <Col span={24}>{optionalDataControl}</Col> : undefined}
          {properties
            .filter((e) => !e.hidden)
            .map((element) => (
              <PropertyCol key={element.name} span={spanOf(element)} content={element.content as ReactElement} />
            ))}
        </Row>
      </NoStyleItemContext.Provider>
      {canExpand(schema, uiSchema, formData) ? (
        <Col span={24}>
          <Row gutter={rowGutter} justify="end">
            <Col flex="120px">
              <AddButton id={buttonId(fieldPathId, "add")} className="rjsf-object-property-expand" disabled={disabled || readonly} onClick={onAddProperty} uiSchema={uiSchema} registry={registry} />
            </Col>
          </Row>
        </Col>
      ) : null}
    </fieldset>
  );
}

const AntdFieldTemplate = Templates.FieldTemplate!;

/** The newest content of an object's field, read by the slot inside its Form.Item. */
class Slot {
  private listeners = new Set<() => void>();
  constructor(private children: ReactNode) {}
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  get = () => this.children;
  publish(children: ReactNode) {
    if (children === this.children) return;
    this.children = children;
    for (const listener of this.listeners) listener();
  }
}

function SlotView({ slot }: { slot: Slot }) {
  return <>{useSyncExternalStore(slot.subscribe, slot.get)}</>;
}

/** What an object's Form.Item shows of itself (its content comes through the slot). */
const FRAME_PROPS = ["id", "classNames", "style", "label", "displayLabel", "hidden", "required", "readonly", "disabled", "hideError", "rawErrors", "rawHelp", "rawDescription", "schema", "uiSchema", "registry"] as const;

const ObjectFrame = memo(
  function ObjectFrame({ field, slot }: { field: FieldTemplateProps; slot: Slot }) {
    return (
      <AntdFieldTemplate {...field}>
        <SlotView slot={slot} />
      </AntdFieldTemplate>
    );
  },
  (a, b) => a.slot === b.slot && FRAME_PROPS.every((k) => deepEquals(a.field[k], b.field[k])),
);

/**
 * @rjsf/antd's FieldTemplate, except that a section's (or the form's) Form.Item does not render
 * again when only its content changed: antd's Form.Item gives a fresh callback to the items it
 * holds on every render, and React then re-renders every Form.Item below (the context reset in
 * TestObjectFieldTemplate does not stop React from visiting them). The content goes through a
 * slot, so an answer re-renders its own question and the objects' contents on its path only.
 * Same markup: the same template, with the same props.
 */
export function TestFieldTemplate(props: FieldTemplateProps) {
  const [slot] = useState(() => new Slot(props.children));
  // Before paint: the frame (memoized) keeps its slot, which shows the new content at once.
  useLayoutEffect(() => slot.publish(props.children));
  if (props.schema.type !== "object") return <AntdFieldTemplate {...props} />;
  return <ObjectFrame field={props} slot={slot} />;
}
