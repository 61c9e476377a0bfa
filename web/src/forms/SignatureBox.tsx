import { useEffect, useRef, useState } from "react";
import { Button, Flex } from "antd";
import SignaturePad from "signature_pad";
import { useTranslation } from "react-i18next";

/** A drawn signature: signature_pad on a canvas, handed over as a PNG file. */
export function SignatureBox({ disabled, label, onSigned }: { disabled?: boolean; label: string; onSigned: (file: File) => void }) {
  const { t } = useTranslation("forms");
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext("2d")?.scale(ratio, ratio);
    const instance = new SignaturePad(element, { backgroundColor: "rgb(255,255,255)" });
    instance.addEventListener("endStroke", () => setEmpty(instance.isEmpty()));
    pad.current = instance;
    return () => instance.off();
  }, []);

  function save() {
    const element = canvas.current;
    if (!element || !pad.current || pad.current.isEmpty()) return;
    element.toBlob((blob) => {
      if (blob) onSigned(new File([blob], "signature.png", { type: "image/png" }));
    }, "image/png");
  }

  return (
    <Flex vertical gap={8}>
      <canvas ref={canvas} className="signature-canvas" aria-label={`${label}: ${t("attachment.signHere")}`} data-testid="signature-canvas" />
      <Flex gap={8}>
        <Button
          disabled={disabled || empty}
          onClick={() => {
            pad.current?.clear();
            setEmpty(true);
          }}
        >
          {t("attachment.clear")}
        </Button>
        <Button type="primary" ghost disabled={disabled || empty} onClick={save}>
          {t("attachment.saveSignature")}
        </Button>
      </Flex>
    </Flex>
  );
}
