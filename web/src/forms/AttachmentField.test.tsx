import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Form } from "@rjsf/antd";
import type { RJSFSchema, UiSchema } from "@rjsf/utils";
import { Client, Provider } from "urql";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { addMessages, initI18n } from "../i18n";
import { messages } from "./messages";
import { AttachmentField } from "./AttachmentField";
import { withAttachmentFields } from "./attachments";
import { formValidator } from "./validator";

// The fill page's setup (FillForm): errors shown on blur, the attachment field by x-attachment.
// The client is never asked (nothing is uploaded here): removing a photo is a change alone.
const client = new Client({ url: "/graphql", exchanges: [] });
const schema: RJSFSchema = {
  type: "object",
  properties: {
    notes: { type: "string", title: "说明" },
    photo: { type: "string", title: "现场照片", "x-attachment": { kind: "photo", maxFiles: 1 } },
  } as RJSFSchema["properties"],
  required: ["notes", "photo"],
};

function FillLike() {
  return (
    <Provider value={client}>
      <Form
        schema={schema}
        uiSchema={withAttachmentFields(schema, {}) as UiSchema}
        fields={{ attachment: AttachmentField }}
        formContext={{ formVersionId: "FormVersion:1", draftId: null }}
        formData={{ photo: "Attachment:1" }}
        validator={formValidator("zh-CN")}
        liveValidate="onBlur"
        showErrorList={false}
        noHtml5Validate
      />
    </Provider>
  );
}

function photoField(): HTMLElement {
  const field = screen.getByText("现场照片").closest(".attachment-field");
  if (!(field instanceof HTMLElement)) throw new Error("no attachment field");
  return field;
}

// Unmounted after each test (no vitest globals, so no automatic cleanup): antd's pending
// animation timers are cancelled before the test environment goes away.
afterEach(() => cleanup());

beforeAll(async () => {
  const i18n = initI18n();
  addMessages("forms", messages);
  await i18n.changeLanguage("zh-CN");
});

describe("the attachment field under blur validation", () => {
  it("revalidates when its photo changes, as other fields do when they lose focus", async () => {
    render(<FillLike />);
    // Another field's blur validates the form: the photo is there, only the notes are missing.
    fireEvent.blur(screen.getByLabelText(/说明/));
    await waitFor(() => expect(screen.getAllByText("此项为必填项。")).toHaveLength(1));
    expect(photoField().querySelector('[role="alert"]')).toBeNull();
    // The photo removed: its "required" shows at once, not at the next blur elsewhere.
    fireEvent.click(screen.getByRole("button", { name: /移除/ }));
    await waitFor(() => expect(photoField().querySelector('[role="alert"]')?.textContent ?? "no error under the photo").toContain("此项为必填项。"));
  });
});
