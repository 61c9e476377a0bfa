import { useEffect, useState } from "react";
import { Button, Card, Flex, Image, List, Skeleton, Typography } from "antd";
import { PaperClipOutlined, PictureOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { byteSize, evidenceGroups, evidenceLabel, thumbnailSource, type CaseAttachment } from "./evidence";
import { download, imageUrl } from "./download";
import "./evidence.css";

/** A blob URL for an image behind the bearer token, revoked when the component goes away. */
function useImage(url: string | null): { src: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; src: string | null; failed: boolean }>({ url: null, src: null, failed: false });
  useEffect(() => {
    if (!url) return;
    let live = true;
    let made: string | null = null;
    void imageUrl(url).then((src) => {
      made = src;
      if (live) setState({ url, src, failed: src === null });
      else if (src) URL.revokeObjectURL(src);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url]);
  return state.url === url ? { src: state.src, failed: state.failed } : { src: null, failed: false };
}

function Thumbnail({ attachment, label }: { attachment: CaseAttachment; label: string }) {
  const { t } = useTranslation("cases");
  const [opened, setOpened] = useState(false);
  const thumbnail = useImage(thumbnailSource(attachment));
  // The full image is fetched only when someone opens it.
  const full = useImage(opened ? attachment.url : null);
  return (
    <figure className="evidence-item">
      {thumbnail.src ? (
        <Image
          src={thumbnail.src}
          alt={label}
          width={120}
          height={120}
          className="evidence-thumbnail"
          preview={{ src: full.src ?? thumbnail.src, onOpenChange: (open) => open && setOpened(true) }}
        />
      ) : thumbnail.failed ? (
        <div className="evidence-missing">
          <PictureOutlined />
          <span>{t("evidence.unavailable")}</span>
        </div>
      ) : (
        <Skeleton.Image active className="evidence-loading" />
      )}
      <figcaption className="evidence-caption">{label}</figcaption>
    </figure>
  );
}

/** The photos, signatures and files attached to the submission's answers, in a card of their own. */
export function EvidenceCard({ attachments }: { attachments: readonly CaseAttachment[] }) {
  const { t } = useTranslation("cases");
  if (!attachments.length) return null;
  return (
    <Card title={<h2 className="card-title">{t("evidence.title")}</h2>}>
      <Evidence attachments={attachments} />
    </Card>
  );
}

/** The thumbnails (opening the full image) and the download links, without a frame. */
export function Evidence({ attachments }: { attachments: readonly CaseAttachment[] }) {
  const { t } = useTranslation("cases");
  const [failed, setFailed] = useState<string | null>(null);
  const { images, files } = evidenceGroups(attachments);
  return (
    <div className="evidence">
      {images.length ? (
        // Each image opens on its own: the full image is fetched (with the token) only then.
        <Flex wrap gap={16} className="evidence-images">
          {images.map((attachment) => (
            <Thumbnail key={attachment.id} attachment={attachment} label={evidenceLabel(attachment, t("evidence.signature"))} />
          ))}
        </Flex>
      ) : null}
      {files.length ? (
        <List
          className="evidence-files"
          size="small"
          header={<Typography.Text strong>{t("evidence.files")}</Typography.Text>}
          dataSource={files}
          renderItem={(attachment) => (
            <List.Item key={attachment.id} extra={<Typography.Text type="secondary">{byteSize(attachment.byteSize)}</Typography.Text>}>
              <Flex vertical gap={2} align="flex-start">
                <Button
                  type="link"
                  icon={<PaperClipOutlined />}
                  className="evidence-download"
                  onClick={() => void download(attachment.url, attachment.fileName).then((ok) => setFailed(ok ? null : attachment.id))}
                >
                  {evidenceLabel(attachment, t("evidence.signature"))}
                </Button>
                {attachment.caption ? <Typography.Text type="secondary">{attachment.fileName}</Typography.Text> : null}
                {failed === attachment.id ? <Typography.Text type="danger">{t("evidence.downloadFailed")}</Typography.Text> : null}
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}
