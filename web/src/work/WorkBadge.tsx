import { Badge } from "antd";
import { useQuery } from "urql";
import { graphql } from "../api/graphql";

const MyWorkCountsDocument = graphql(`
  query MyWorkCounts {
    myWorkCounts {
      total
      overdue
    }
  }
`);

/** The side menu's count of open work (red when some is overdue). */
export function WorkBadge() {
  const [{ data }] = useQuery({ query: MyWorkCountsDocument, requestPolicy: "cache-and-network" });
  const counts = data?.myWorkCounts;
  if (!counts?.total) return null;
  return <Badge count={counts.total} size="small" color={counts.overdue ? "#cf1322" : "#1677ff"} className="menu-badge" />;
}
