import { createContext, useContext, type ReactNode } from "react";
import { useQuery } from "urql";
import { Spin } from "antd";
import { graphql, type ViewerQuery } from "../api/graphql";
import { ErrorPage, errorKind } from "./ErrorPage";

const ViewerDocument = graphql(`
  query Viewer {
    me {
      role
      scopes
      language
      user {
        id
        username
        displayName
        customer {
          id
          code
          name
        }
      }
    }
  }
`);

export type Viewer = ViewerQuery["me"];
const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in caller (`me`), loaded once for the shell: menu, home page, route guards. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ViewerDocument, requestPolicy: "network-only" });
  if (fetching && !data) {
    return (
      <div className="boot">
        <Spin size="large" />
      </div>
    );
  }
  if (error || !data) {
    return <ErrorPage kind={errorKind(error)} onRetry={() => refetch({ requestPolicy: "network-only" })} />;
  }
  if (!data.me.role) return <ErrorPage kind="401" />;
  return <ViewerContext.Provider value={data.me}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside ViewerProvider");
  return viewer;
}
