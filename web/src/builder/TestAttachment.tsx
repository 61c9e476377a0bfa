import { Button, Flex, Form, Typography } from "antd";
import { CheckOutlined, PaperClipOutlined } from "@ant-design/icons";
import type { FieldProps } from "@rjsf/utils";
import { useTranslation } from "react-i18next";
import { attachmentSpec } from "../forms/attachments";

/**
 * A photo, file or signature in test mode: a draft has no version to upload evidence to, so
 * the tester marks one as attached (the answer then holds a stand-in id, enough for "required").
 */
export function TestAttachment(props: FieldProps) {
  const { t } = useTranslation("builder");
  const spec = attachmentSpec(props.schema);
  const title = props.schema.title ?? props.name;
  const attached = props.formData !== undefined && props.formData !== null && props.formData !== "";
  const stand = spec && spec.maxFiles > 1 ? ["test-attachment"] : "test-attachment";
  return (
    <Form.Item label={title} required={props.required} help={t("test.attachmentHelp")}>
      <Flex gap={8} align="center" wrap>
        <Button icon={attached ? <CheckOutlined /> : <PaperClipOutlined />} disabled={props.disabled} aria-pressed={attached} data-testid={`test-attach-${props.name}`} onClick={() => props.onChange(attached ? undefined : stand, props.fieldPathId.path)}>
          {attached ? t("test.attached") : t("test.attach")}
        </Button>
        <Typography.Text type="secondary">{t(`test.kind.${spec?.kind ?? "file"}`)}</Typography.Text>
      </Flex>
    </Form.Item>
  );
}
