import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { signIn } from "../auth/auth";

export type ErrorKind = "401" | "403" | "404" | "offline" | "conflict" | "server";

/** Which error page a failed request deserves. */
export function errorKind(error: CombinedError | undefined): ErrorKind {
  if (!error) return "server";
  if (error.networkError || (typeof navigator !== "undefined" && !navigator.onLine)) {
    const status = (error.response as Response | undefined)?.status;
    if (status === 401) return "401";
    return "offline";
  }
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes("UNAUTHENTICATED")) return "401";
  if (codes.includes("FORBIDDEN") || codes.includes("NOT_ALLOWED")) return "403";
  return "server";
}

const STATUS = { "401": "403", "403": "403", "404": "404", offline: "warning", conflict: "warning", server: "500" } as const;

export function ErrorPage({ kind, message, onRetry }: { kind: ErrorKind; message?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const actions = [];
  if (kind === "401") {
    actions.push(
      <Button type="primary" key="signin" onClick={() => void signIn()}>
        {t("auth.signIn")}
      </Button>,
    );
  } else {
    if (onRetry) {
      actions.push(
        <Button type="primary" key="retry" onClick={onRetry}>
          {t("error.retry")}
        </Button>,
      );
    }
    actions.push(
      <Button key="home" href="/">
        {t("error.back")}
      </Button>,
    );
  }
  return (
    <Result
      status={STATUS[kind]}
      title={<h1 className="error-title">{t(`error.${kind}.title`)}</h1>}
      subTitle={t(`error.${kind}.body`, { message: message ?? "" })}
      extra={actions}
    />
  );
}
