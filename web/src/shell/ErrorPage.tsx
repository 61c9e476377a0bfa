import { Button, Flex } from "antd";
import { ApiOutlined, DisconnectOutlined, FileSearchOutlined, LockOutlined, WarningOutlined } from "@ant-design/icons";
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

// Icons rather than antd's Result: its three illustrations cost ~9 KB gz on the first screen.
const ICON = {
  "401": <LockOutlined />,
  "403": <LockOutlined />,
  "404": <FileSearchOutlined />,
  offline: <DisconnectOutlined />,
  conflict: <WarningOutlined />,
  server: <ApiOutlined />,
} as const;

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
    <Flex vertical align="center" gap={12} className={`error-page error-${kind}`}>
      <span className="error-icon" aria-hidden>
        {ICON[kind]}
      </span>
      <h1 className="error-title">{t(`error.${kind}.title`)}</h1>
      <p className="error-body">{t(`error.${kind}.body`, { message: message ?? "" })}</p>
      <Flex gap={8} wrap justify="center">
        {actions}
      </Flex>
    </Flex>
  );
}
