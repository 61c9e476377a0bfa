import { useMemo, type ReactNode } from "react";
import { message as antMessage } from "antd";
import AppContext, { type useAppProps } from "antd/es/app/context";

function unavailable(name: string): never {
  throw new Error(`App.useApp().${name} is not provided: render a <Modal> or use message instead`);
}

/**
 * What antd's <App> gives `App.useApp()`, but only `message` (the one part the portal uses).
 * antd's <App> also builds the hook APIs of Modal and notification, which put about 17 KB gz
 * of dialog and notification code into the first screen that no page needs from there.
 */
export function MessageApp({ children }: { children: ReactNode }) {
  const [messageApi, holder] = antMessage.useMessage();
  const value = useMemo(
    () =>
      ({
        message: messageApi,
        get notification() {
          return unavailable("notification");
        },
        get modal() {
          return unavailable("modal");
        },
      }) as useAppProps,
    [messageApi],
  );
  return (
    <AppContext.Provider value={value}>
      {holder}
      {children}
    </AppContext.Provider>
  );
}
