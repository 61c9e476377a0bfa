import { useState } from "react";
import { Button, Table } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { VerificationDrawItemsQuery } from "../api/graphql";
import { DrawItemsDocument } from "./api";
import { verifierName, type Verifier } from "./pool";
import { ReassignDialog, type ReassignTarget } from "./ReassignDialog";
import { StatusTag } from "./StatusTag";

type Item = VerificationDrawItemsQuery["verificationDrawItems"][number];

function targetOf(item: Item): ReassignTarget {
  return { id: item.id, verifierId: item.verifierId, submittedById: item.submittedById, customer: item.submission?.customer?.name ?? "" };
}

/** The sampled submissions of one draw, each with its verifier; open ones can be reassigned. */
export function DrawItems({ drawId, verifiers }: { drawId: string; verifiers: Verifier[] }) {
  const { t } = useTranslation("verification");
  const [{ data }, refetch] = useQuery({ query: DrawItemsDocument, variables: { drawId }, requestPolicy: "cache-and-network" });
  const [target, setTarget] = useState<ReassignTarget | null>(null);
  const rows = data?.verificationDrawItems ?? [];
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        className="verification-items"
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: t("plans.items.customer"), key: "customer", render: (_: unknown, row: Item) => row.submission?.customer?.name ?? "—" },
          { title: t("plans.items.tier"), key: "tier", render: (_: unknown, row: Item) => t(`tier.${row.tier}`) },
          { title: t("plans.items.verifier"), key: "verifier", render: (_: unknown, row: Item) => verifierName(verifiers, row.verifierId, t("plans.unassigned")) },
          { title: t("plans.items.status"), key: "status", render: (_: unknown, row: Item) => <StatusTag status={row.status} /> },
          {
            title: t("plans.items.action"),
            key: "action",
            render: (_: unknown, row: Item) =>
              row.status === "ASSIGNED" ? (
                <Button size="small" onClick={() => setTarget(targetOf(row))}>
                  {t("plans.reassign")}
                </Button>
              ) : null,
          },
        ]}
      />
      {target ? (
        <ReassignDialog
          item={target}
          verifiers={verifiers}
          onCancel={() => setTarget(null)}
          onDone={() => {
            setTarget(null);
            refetch({ requestPolicy: "network-only" });
          }}
        />
      ) : null}
    </>
  );
}
