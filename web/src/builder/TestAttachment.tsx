import { useEffect, useRef, useState } from "react";
import { Alert, Button, Flex, Form, Image, Tag, Typography, Upload } from "antd";
import { CameraOutlined, DeleteOutlined, PaperClipOutlined } from "@ant-design/icons";
import type { FieldProps } from "@rjsf/utils";
import { useTranslation } from "react-i18next";
import { acceptAttribute, attachmentSpec, formatBytes, type FileProblem } from "../forms/attachments";
import { SignatureBox } from "../forms/SignatureBox";
import { addTestFile, isImage, testAnswer, type TestFile } from "./testFiles";

/**
 * A photo, file or signature in test mode: a real file chosen or a signature drawn, kept only
 * in this browser (an object URL, never uploaded: a draft has no version to upload evidence to),
 * labelled as test-only. The answer holds stand-in ids, enough for "required".
 */
export function TestAttachment(props: FieldProps) {
  const { t } = useTranslation("builder");
  const { t: tForms } = useTranslation("forms");
  const spec = attachmentSpec(props.schema) ?? { kind: "file" as const, accept: [], maxFiles: 1, maxBytes: null };
  const title = String(props.schema.title ?? props.name);
  const [files, setFiles] = useState<TestFile[]>([]);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);
  // Cleared answers (the test mode's reset) drop the kept files too.
  const empty = props.formData === undefined || props.formData === null || props.formData === "" || (Array.isArray(props.formData) && props.formData.length === 0);
  const shown = empty ? [] : files;

  const keep = (next: TestFile[]) => {
    setFiles(next);
    props.onChange(testAnswer(spec, next), props.fieldPathId.path);
  };
  const add = (file: File) => {
    const url = URL.createObjectURL(file);
    const outcome = addTestFile(spec, shown, file, url);
    setProblem(outcome.problem);
    if (outcome.problem) URL.revokeObjectURL(url);
    else {
      urls.current.push(url);
      keep(outcome.files);
    }
    return false;
  };
  const remove = (file: TestFile) => {
    URL.revokeObjectURL(file.url);
    urls.current = urls.current.filter((u) => u !== file.url);
    keep(shown.filter((f) => f.id !== file.id));
  };
  const full = shown.length >= spec.maxFiles;

  return (
    <Form.Item label={title} required={props.required} help={t("test.attachmentHelp")} className="attachment-field builder-test-attachment">
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Tag className="tag-warn">{t("test.testOnly")}</Tag>
          <Typography.Text type="secondary">{t(`test.kind.${spec.kind}`)}</Typography.Text>
        </Flex>
        {shown.length ? (
          <Flex gap={8} wrap data-testid={`test-files-${props.name}`}>
            {shown.map((file) => (
              <Flex key={file.id} vertical gap={4} align="center" className="attachment-item builder-test-file">
                {isImage(file) ? <Image src={file.url} alt={file.name} width={96} height={72} style={{ objectFit: "cover" }} preview={false} /> : <PaperClipOutlined />}
                <Typography.Text ellipsis style={{ maxWidth: 120 }}>{file.name}</Typography.Text>
                <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
                <Button size="small" icon={<DeleteOutlined />} disabled={props.disabled} onClick={() => remove(file)}>{tForms("attachment.remove")}</Button>
              </Flex>
            ))}
          </Flex>
        ) : null}
        {!full && !props.disabled ? (
          spec.kind === "signature" ? (
            <SignatureBox label={title} onSigned={(file) => add(file)} />
          ) : (
            <Upload accept={acceptAttribute(spec)} showUploadList={false} multiple={spec.maxFiles > 1} beforeUpload={(file) => add(file)}>
              <Button icon={spec.kind === "photo" ? <CameraOutlined /> : <PaperClipOutlined />} data-testid={`test-attach-${props.name}`}>
                {tForms(spec.kind === "photo" ? "attachment.takePhoto" : "attachment.chooseFile")}
              </Button>
            </Upload>
          )
        ) : null}
        {problem ? <Alert type="warning" showIcon title={tForms(`attachment.${problem.key}`, problem)} /> : null}
      </Flex>
    </Form.Item>
  );
}
