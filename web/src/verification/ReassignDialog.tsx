import { useState } from "react";
import { App, Form, Modal, Select, Typography } from "antd";
import { useMutation } from "urql";
import { useTranslation } from "react-i18next";
import { ReassignDocument, resultMessage } from "./api";
import { reassignChoices, verifierName, type ReassignItem, type Verifier } from "./pool";

export interface ReassignTarget extends ReassignItem {
  id: string;
  customer: string;
}

/** A manager gives an open verification to another verifier (never its submitter). */
export function ReassignDialog({ item, verifiers, onDone, onCancel }: { item: ReassignTarget; verifiers: Verifier[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation("verification");
  const { message } = App.useApp();
  const [{ fetching }, reassign] = useMutation(ReassignDocument);
  const [chosen, setChosen] = useState<string | null>(null);
  const choices = reassignChoices(verifiers, item);

  async function submit() {
    if (!chosen) return;
    const result = await reassign({ input: { id: item.id, verifierId: chosen } });
    const answer = result.data?.reassignVerification;
    if (answer?.__typename === "VerificationReassigned") {
      void message.success(t("plans.reassigned", { name: verifierName(verifiers, chosen, "") }));
      onDone();
    } else {
      void message.error(t("plans.refused", { message: resultMessage(answer, result.error?.message) }));
    }
  }

  return (
    <Modal
      open
      title={t("plans.reassignTitle", { customer: item.customer })}
      okText={t("plans.reassign")}
      cancelText={t("editor.cancel")}
      okButtonProps={{ disabled: !chosen }}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={onCancel}
    >
      <Typography.Paragraph type="secondary">{t("plans.reassignCurrent", { name: verifierName(verifiers, item.verifierId, t("plans.unassigned")) })}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t("plans.reassignTo")} help={t("plans.reassignHelp")}>
          <Select
            aria-label={t("plans.reassignTo")}
            showSearch
            optionFilterProp="label"
            value={chosen}
            onChange={setChosen}
            options={choices.map((v) => ({ value: v.id, label: v.team ? `${v.name}（${v.team}）` : v.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
