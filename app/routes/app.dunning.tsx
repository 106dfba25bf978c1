import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, IndexTable, InlineStack, Page, Pagination, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import prisma from "../db/client.server";
import { parseTrackerListParams } from "../dunning/tracker-list";
import type { TrackerStatus } from "../dunning/tracker-status";
import { listDunningTrackers } from "../dunning/tracker-list.server";
import { authenticateAdmin } from "../shopify/admin-page.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const params = parseTrackerListParams(new URL(request.url).searchParams);
  const schedule = await prisma.billingSchedule.findUnique({ where: { shop: session.shop }, select: { timezone: true } });
  const page = await listDunningTrackers(prisma, session.shop, params, schedule?.timezone);
  return { params, ...page };
};

const STATUS_OPTIONS = [
  { label: "All", value: "all" },
  { label: "Open", value: "open" },
  { label: "Recovered", value: "recovered" },
  { label: "Failed", value: "failed" },
];
const STATUS_TONE: Record<TrackerStatus, "attention" | "success" | "critical"> = {
  open: "attention",
  recovered: "success",
  failed: "critical",
};

export default function DunningPage() {
  const { params, rows, total, page, pageCount } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const [contract, setContract] = useState(params.contract);

  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value && value !== "all") next.set(key, value);
      else next.delete(key);
    }
    navigate(`?${next}`);
  };

  return (
    <Page title="Dunning" subtitle={`${total} tracker${total === 1 ? "" : "s"}`}>
      <BlockStack gap="400">
        <Card>
          <Form method="get" onSubmit={(event) => { event.preventDefault(); go({ contract, page: "" }); }}>
            <InlineStack gap="400" blockAlign="end">
              <Select label="Status" name="status" options={STATUS_OPTIONS} value={params.status} onChange={(status) => go({ status, page: "" })} />
              <TextField
                label="Contract"
                name="contract"
                autoComplete="off"
                placeholder="Contract id contains…"
                value={contract}
                onChange={setContract}
                clearButton
                onClearButtonClick={() => { setContract(""); go({ contract: "", page: "" }); }}
              />
            </InlineStack>
          </Form>
        </Card>
        <Card padding="0">
          {rows.length === 0 ? (
            <EmptyState heading="No dunning trackers match" image="">
              <p>Trackers appear here when a subscription payment fails.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "tracker", plural: "trackers" }}
              itemCount={rows.length}
              selectable={false}
              headings={[{ title: "Contract" }, { title: "Cycle" }, { title: "Failure" }, { title: "Status" }, { title: "Next retry" }, { title: "Started" }, { title: "Completed" }]}
            >
              {rows.map((row, index) => (
                <IndexTable.Row id={String(row.id)} key={row.id} position={index}>
                  <IndexTable.Cell>
                    <Text as="span" variant="bodyMd" fontWeight="semibold">
                      {row.contractId.replace("gid://shopify/SubscriptionContract/", "#")}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.billingCycleIndex}</IndexTable.Cell>
                  <IndexTable.Cell>{row.failureReason}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Badge tone={STATUS_TONE[row.status]}>{row.status}</Badge>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{row.nextRetry ?? "—"}</IndexTable.Cell>
                  <IndexTable.Cell>{new Date(row.createdAt).toISOString().slice(0, 10)}</IndexTable.Cell>
                  <IndexTable.Cell>
                    {row.completedAt ? `${new Date(row.completedAt).toISOString().slice(0, 10)} (${row.completedReason ?? "—"})` : "—"}
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        <InlineStack align="center" gap="400" blockAlign="center">
          <Pagination
            hasPrevious={page > 1}
            onPrevious={() => go({ page: String(page - 1) })}
            hasNext={page < pageCount}
            onNext={() => go({ page: String(page + 1) })}
            label={`Page ${page} of ${pageCount}`}
          />
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
