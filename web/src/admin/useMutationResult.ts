import { App, type FormInstance } from "antd";
import { classifyOutcome, type Outcome } from "./mutationResult";

/**
 * The admin pages' one way to handle a mutation's typed result: the success callback and toast,
 * field errors onto the form (ValidationFailed), any other UserError as a toast.
 */
export function useMutationResult() {
  const { message } = App.useApp();
  return function handle<O extends Outcome, T extends string>(
    result: { outcome: O | null | undefined; error?: { message: string } | null },
    success: T,
    options: { form?: FormInstance; done?: string; onSuccess?: (value: Extract<O, { __typename?: T }>) => void } = {},
  ): boolean {
    const classified = classifyOutcome(result.outcome, success, result.error);
    if (classified.kind === "ok") {
      if (options.done) void message.success(options.done);
      options.onSuccess?.(classified.value);
      return true;
    }
    if (classified.kind === "invalid") options.form?.setFields(classified.fields as Parameters<FormInstance["setFields"]>[0]);
    if (classified.kind !== "none") void message.error(classified.message);
    return false;
  };
}
