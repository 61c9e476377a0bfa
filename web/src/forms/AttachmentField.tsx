import { useEffect, useRef, useState } from "react";
import { Alert, Button, Flex, Image, Input, Tag, Typography } from "antd";
import { CameraOutlined, DeleteOutlined, PaperClipOutlined } from "@ant-design/icons";
import type { FieldProps } from "@rjsf/utils";
import { useClient } from "urql";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { graphql } from "../api/graphql";
import { acceptAttribute, answerOf, attachmentSpec, checkFile, idsOf, pointerOf, savedFileUrls, savedPreviewStep, type FileProblem } from "./attachments";
import { authFetch } from "../api/client";
import { SignatureBox } from "./SignatureBox";

const UploadAttachmentDocument = graphql(`
  mutation UploadAttachment($input: UploadAttachmentInput!) {
    uploadAttachment(input: $input) {
      __typename
      ... on AttachmentUploaded {
        attachment {
          id
          fileName
          contentType
          byteSize
          caption
        }
      }
      ... on ValidationFailed {
        message
        errors {
          path
          message
        }
      }
      ... on UserError {
        message
      }
    }
  }
`);

/** What FillForm hands every attachment field through rjsf's formContext. */
export interface AttachmentContext {
  formVersionId: string;
  draftId: string | null;
}

interface Shown {
  name: string;
  preview?: string;
  caption?: string | null;
}

/** A resumed draft's attachment: its thumbnail (or the image while that is being made) as a blob URL. */
async function savedPreview(attachmentId: string): Promise<string | undefined> {
  const urls = savedFileUrls(attachmentId);
  const thumbnail = await authFetch(urls.thumbnail).catch(() => null);
  const step = thumbnail ? savedPreviewStep(thumbnail.status) : "none";
  const response = step === "thumbnail" ? thumbnail : step === "original" ? await authFetch(urls.original).catch(() => null) : null;
  if (!response?.ok) return undefined;
  const blob = await response.blob();
  return blob.type.startsWith("image/") ? URL.createObjectURL(blob) : undefined;
}

function problemText(t: TFunction<"forms">, problem: FileProblem): string {
  return t(`attachment.${problem.key}`, { ...problem });
}

/** A photo, file or drawn signature answer: uploaded at once, the answer holds its id(s). */
export function AttachmentField(props: FieldProps) {
  const { t } = useTranslation("forms");
  const client = useClient();
  const spec = attachmentSpec(props.schema) ?? { kind: "file" as const, accept: [], maxFiles: 1, maxBytes: null };
  const context = (props.registry.formContext ?? {}) as AttachmentContext;
  const ids = idsOf(props.formData);
  const [shown, setShown] = useState<Record<string, Shown>>({});
  const [caption, setCaption] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = props.fieldPathId.$id;
  const title = (props.uiSchema?.["ui:title"] as string | undefined) ?? props.schema.title ?? props.name;

  // Every blob URL made here, revoked when the field goes away.
  const previews = useRef<string[]>([]);
  useEffect(() => () => previews.current.forEach((url) => URL.revokeObjectURL(url)), []);

  // Attachments of a resumed draft (another device, a reload): only their ids are in the
  // answers, so fetch each one's thumbnail once.
  const idsKey = ids.join(",");
  const asked = useRef(new Set<string>());
  useEffect(() => {
    let live = true;
    for (const attachmentId of idsKey ? idsKey.split(",") : []) {
      if (asked.current.has(attachmentId)) continue;
      asked.current.add(attachmentId);
      void savedPreview(attachmentId).then((preview) => {
        if (!live) {
          if (preview) URL.revokeObjectURL(preview);
          return;
        }
        if (preview) previews.current.push(preview);
        if (preview) setShown((current) => (current[attachmentId] ? current : { ...current, [attachmentId]: { name: "", preview } }));
      });
    }
    return () => {
      live = false;
    };
  }, [idsKey, asked]);

  function change(next: string[]) {
    const answer = answerOf(spec, next);
    props.onChange(answer as never, props.fieldPathId.path);
    // An upload or a removal is the field's whole edit, so it ends as a text box's edit does,
    // with a blur: under liveValidate "onBlur" the form revalidates, else a "required" shown
    // before the photo came (another field's blur validates them all) stays under the photo.
    props.onBlur(id, answer);
  }

  async function send(file: File) {
    setProblem(null);
    const before = checkFile(spec, file, ids.length);
    if (before) {
      setProblem(problemText(t, before));
      return;
    }
    setBusy(true);
    const result = await client
      .mutation(UploadAttachmentDocument, {
        input: {
          file,
          formVersionId: context.formVersionId,
          fieldPath: pointerOf(props.fieldPathId.path),
          draftId: context.draftId,
          caption: caption.trim() || null,
        },
      })
      .toPromise();
    setBusy(false);
    if (result.error) {
      setProblem(result.error.networkError ? t("attachment.offline") : result.error.message);
      return;
    }
    const answer = result.data?.uploadAttachment;
    if (answer?.__typename === "AttachmentUploaded") {
      const preview = file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined;
      if (preview) previews.current.push(preview);
      asked.current.add(answer.attachment.id);
      setShown((current) => ({ ...current, [answer.attachment.id]: { name: answer.attachment.fileName, preview, caption: answer.attachment.caption } }));
      setCaption("");
      change([...ids, answer.attachment.id]);
    } else if (answer?.__typename === "ValidationFailed") {
      setProblem(answer.errors.map((e) => e.message).join(" ") || answer.message);
    } else if (answer && "message" in answer) {
      setProblem(answer.message);
    }
  }

  const full = ids.length >= spec.maxFiles;
  return (
    <div className="attachment-field">
      <Typography.Text strong id={`${id}-label`}>
        {title}
        {props.required ? <span className="attachment-required"> *</span> : null}
      </Typography.Text>
      <Flex wrap gap={12} className="attachment-list">
        {ids.map((attachmentId, index) => {
          const item = shown[attachmentId];
          return (
            <Flex key={attachmentId} vertical gap={4} className="attachment-item" align="center">
              {item?.preview ? (
                <Image
                  src={item.preview}
                  alt={item.caption || item.name || t("attachment.saved", { n: index + 1 })}
                  width={96}
                  height={96}
                  className="attachment-thumb"
                />
              ) : (
                <Tag icon={<PaperClipOutlined />}>{item?.name ?? t("attachment.saved", { n: index + 1 })}</Tag>
              )}
              {item?.caption ? <Typography.Text type="secondary">{item.caption}</Typography.Text> : null}
              <Button
                size="small"
                icon={<DeleteOutlined />}
                disabled={props.disabled}
                onClick={() => change(ids.filter((other) => other !== attachmentId))}
              >
                {t("attachment.remove")}
              </Button>
            </Flex>
          );
        })}
      </Flex>
      {full ? null : spec.kind === "signature" ? (
        <SignatureBox
          disabled={props.disabled || busy}
          label={title}
          onSigned={(file) => void send(file)}
        />
      ) : (
        <Flex wrap gap={8} align="center">
          {spec.kind === "photo" ? (
            <Input
              className="attachment-caption"
              aria-label={t("attachment.caption")}
              placeholder={t("attachment.caption")}
              value={caption}
              maxLength={200}
              onChange={(event) => setCaption(event.target.value)}
            />
          ) : null}
          <input
            ref={input}
            id={id}
            type="file"
            className="attachment-input"
            aria-labelledby={`${id}-label`}
            accept={acceptAttribute(spec)}
            capture={spec.kind === "photo" ? "environment" : undefined}
            disabled={props.disabled || busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void send(file);
            }}
          />
          <Button
            icon={spec.kind === "photo" ? <CameraOutlined /> : <PaperClipOutlined />}
            loading={busy}
            disabled={props.disabled}
            onClick={() => input.current?.click()}
          >
            {t(spec.kind === "photo" ? "attachment.takePhoto" : "attachment.chooseFile")}
          </Button>
          <Typography.Text type="secondary">{t("attachment.count", { n: ids.length, max: spec.maxFiles })}</Typography.Text>
        </Flex>
      )}
      {problem ? <Alert type="error" showIcon title={problem} role="alert" className="attachment-problem" /> : null}
      {props.rawErrors?.length ? (
        <Typography.Text type="danger" role="alert">
          {props.rawErrors.join(" ")}
        </Typography.Text>
      ) : null}
    </div>
  );
}
