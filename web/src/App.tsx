import { lazy, useEffect, useMemo, useState, type ComponentType, type ReactNode } from "react";
import { ConfigProvider, Spin } from "antd";
import zhCN from "antd/es/locale/zh_CN";
import enUS from "antd/es/locale/en_US";
import { I18nextProvider, useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from "react-router";
import { Provider as UrqlProvider } from "urql";
import { createClient } from "./api/client";
import { completeSignIn, signIn, userManager } from "./auth/auth";
import { cspNonce } from "./config";
import { addMessages, initI18n, type Language } from "./i18n";
import { areas } from "./areas";
import { allowed, type AreaRoute } from "./shell/area";
import { ErrorPage } from "./shell/ErrorPage";
import { Layout } from "./shell/Layout";
import { MessageApp } from "./shell/MessageApp";
import { useViewer, ViewerProvider } from "./shell/viewer";
import "./app.css";

const i18n = initI18n();
for (const area of areas) addMessages(area.id, area.messages);

// The pages' texts (src/pageMessages.ts) load once, beside the first page's chunk.
let pageTexts: Promise<void> | null = null;
function loadPageTexts(): Promise<void> {
  pageTexts ??= import("./pageMessages").then(({ pageMessages }) => {
    for (const [namespace, texts] of Object.entries(pageMessages)) addMessages(namespace, texts);
  });
  return pageTexts;
}

function Guarded({ route, Page }: { route: AreaRoute; Page: ComponentType }) {
  const viewer = useViewer();
  if (!allowed(route.roles, viewer.role)) return <ErrorPage kind="403" />;
  return <Page />;
}

function Home() {
  const viewer = useViewer();
  const target = areas.find((area) => area.home && viewer.role && area.home.roles.includes(viewer.role))?.home?.path;
  return target ? <Navigate to={target} replace /> : <ErrorPage kind="404" />;
}

function Boot() {
  return (
    <div className="boot">
      <Spin size="large" />
    </div>
  );
}

/** Signed in (tokens in memory) or on the way to the sign-in page. */
function RequireSession({ children }: { children: ReactNode }) {
  const [state, setState] = useState<"checking" | "ready" | "offline">("checking");
  useEffect(() => {
    let live = true;
    void userManager.getUser().then(async (user) => {
      if (!live) return;
      if (user && !user.expired) return setState("ready");
      try {
        await signIn();
      } catch {
        // Discovery failed: the server is out of reach.
        if (live) setState("offline");
      }
    });
    return () => {
      live = false;
    };
  }, []);
  if (state === "offline") return <ErrorPage kind="offline" onRetry={() => window.location.reload()} />;
  return state === "ready" ? children : <Boot />;
}

function Callback() {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    completeSignIn()
      .then((target) => router.navigate(target, { replace: true }))
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, []);
  if (failure) return <ErrorPage kind="401" message={t("auth.callbackFailed", { reason: failure })} />;
  return <Boot />;
}

function SignedOut() {
  const { t } = useTranslation();
  return <ErrorPage kind="401" message={t("auth.signedOut")} />;
}

const appRoutes: RouteObject[] = areas.flatMap((area) =>
  area.routes.map((route) => {
    const Page = lazy(() => Promise.all([route.page(), loadPageTexts()]).then(([page]) => page));
    return { path: route.path, element: <Guarded route={route} Page={Page} /> };
  }),
);
const router = createBrowserRouter([
  { path: "/callback", element: <Callback /> },
  { path: "/signed-out", element: <SignedOut /> },
  {
    element: (
      <RequireSession>
        <ViewerProvider>
          <Layout />
        </ViewerProvider>
      </RequireSession>
    ),
    children: [{ index: true, element: <Home /> }, ...appRoutes, { path: "*", element: <ErrorPage kind="404" /> }],
  },
]);

// Secondary texts darker than antd's default (0.45 alpha fails WCAG AA contrast on white);
// so are placeholders; so is antd's red (#ff4d4f, 3.2:1 on white, e.g. a danger button's label): #cf1322 is 5.6:1.
const THEME = {
  token: {
    colorPrimary: "#1f4e8c",
    colorError: "#cf1322",
    colorLink: "#1f4e8c",
    colorInfo: "#1f4e8c",
    colorTextSecondary: "rgba(0, 0, 0, 0.66)",
    colorTextDescription: "rgba(0, 0, 0, 0.66)",
    colorTextTertiary: "rgba(0, 0, 0, 0.6)",
    // Placeholders carry the only label some pickers show before a choice (antd: 0.25 alpha).
    colorTextPlaceholder: "rgba(0, 0, 0, 0.6)",
    borderRadius: 6,
  },
};

function Localized({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  // A new client (empty cache) per language: server texts (state titles, form titles,
  // errors) come back in the language on screen.
  const language = current.language as Language;
  const client = useMemo(() => createClient(language), [language]);
  const nonce = cspNonce();
  return (
    <ConfigProvider
      locale={current.language === "zh-CN" ? zhCN : enUS}
      csp={nonce ? { nonce } : undefined}
      theme={THEME}
      button={{ autoInsertSpace: false }}
    >
      <MessageApp>
        <UrqlProvider value={client}>{children}</UrqlProvider>
      </MessageApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <Localized>
        <RouterProvider router={router} />
      </Localized>
    </I18nextProvider>
  );
}
