import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Pagination, Select, Tabs, Text, TextField, useIndexResourceState } from "@shopify/polaris";
import { useState } from "react";
import { runBulkAction } from "../contracts/contract-actions.server";
import { formatDate, formatMoney, frequencyLabel, numericId, statusBadge } from "../contracts/contract-display";
import { listUrl, parseListParams, SORTS, TABS } from "../contracts/contract-list";
import { BULK_ACTIONS, type BulkAction } from "../contracts/contract-rules";
import { ConfirmBanner } from "../contracts/confirm-banner";
import { listContracts } from "../contracts/contracts.server";
import prisma from "../db/client.server";
import { adminPage } from "../shopify/admin-page.server";
import { readForm } from "../http/read-form.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { gateway, session } = await adminPage(request);
  const params = parseListParams(new URL(request.url).searchParams);
  return { params, ...(await listContracts(gateway, prisma, session.shop, params)) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { gateway, session, staffUserId } = await adminPage(request);
  const form = await readForm(request);
  const bulk = BULK_ACTIONS.find((candidate) => candidate === form.get("bulk"));
  const ids = form
    .getAll("id")
    .map(String)
    .filter((id) => /^gid:\/\/shopify\/SubscriptionContract\/\d{1,20}$/.test(id));
  if (!bulk || ids.length === 0) return data({ bulk: null, outcomes: [], error: "Choose contracts and an action." }, { status: 400 });
  const outcomes = await runBulkAction({ gateway, prisma, shop: session.shop, staffUserId }, ids, bulk);
  return { bulk, outcomes, error: null };
};

const BULK_LABEL: Record<BulkAction, { verb: string; done: string }> = {
  pause: { verb: "Pause", done: "paused" },
  resume: { verb: "Resume", done: "resumed" },
  cancel: { verb: "Cancel", done: "cancelled" },
};

export default function Contracts() {
  const { params, rows, pageInfo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [search, setSearch] = useState(params.search);
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows);
  const selectedTab = TABS.findIndex((tab) => tab.id === params.tab);
  const succeeded = result?.outcomes.filter((outcome) => outcome.ok) ?? [];
  const refused = result?.outcomes.filter((outcome) => !outcome.ok) ?? [];

  return (
    <Page title="Subscription contracts" subtitle="Every subscription bought through your plans">
      <BlockStack gap="400">
        {result?.error ? <Banner tone="critical" title={result.error} /> : null}
        {result?.bulk && navigation.state === "idle" && succeeded.length > 0 ? (
          <Banner tone="success" title={`${succeeded.length} contract${succeeded.length === 1 ? "" : "s"} ${BULK_LABEL[result.bulk].done}`} />
        ) : null}
        {refused.length > 0 ? (
          <Banner tone="critical" title={`${refused.length} contract${refused.length === 1 ? " was" : "s were"} not changed`}>
            <ul>
              {refused.map((outcome) => (
                <li key={outcome.id}>
                  #{numericId(outcome.id)}: {outcome.message}
                </li>
              ))}
            </ul>
          </Banner>
        ) : null}
        {confirming ? (
          <ConfirmBanner
            title={`${BULK_LABEL[confirming].verb} ${selectedResources.length} contract${selectedResources.length === 1 ? "" : "s"}?`}
            confirmLabel={`${BULK_LABEL[confirming].verb} ${selectedResources.length} contract${selectedResources.length === 1 ? "" : "s"}`}
            critical={confirming === "cancel"}
            fields={[["bulk", confirming], ...selectedResources.map((id): [string, string] => ["id", id])]}
            onSubmit={() => (setConfirming(null), clearSelection())}
            onCancel={() => setConfirming(null)}
          >
            <p>
              {confirming === "cancel"
                ? "Cancelled contracts are not billed again and cannot be resumed."
                : confirming === "pause"
                  ? "Paused contracts are not billed until they are resumed."
                  : "Resumed contracts are billed again from their next billing date."}
            </p>
          </ConfirmBanner>
        ) : null}
        <Card padding="0">
          <Tabs tabs={TABS.map((tab) => ({ id: tab.id, content: tab.label }))} selected={Math.max(selectedTab, 0)} onSelect={(index) => navigate(listUrl(params, { tab: TABS[index].id }))} />
          <div style={{ padding: "12px 16px" }}>
            <Form method="get" action="/app/contracts">
              <InlineStack gap="200" blockAlign="end" wrap={false}>
                {params.tab !== "all" ? <input type="hidden" name="tab" value={params.tab} /> : null}
                <div style={{ flex: 1 }}>
                  <TextField label="Search by customer" labelHidden name="q" value={search} onChange={setSearch} placeholder="Search by customer name or email" autoComplete="off" />
                </div>
                <Button submit>Search</Button>
                <Select
                  label="Sort"
                  labelInline
                  name="sort"
                  options={SORTS.map((sort) => ({ label: sort.label, value: sort.id }))}
                  value={params.sort}
                  onChange={(sort) => navigate(listUrl(params, { sort: sort as typeof params.sort }))}
                />
              </InlineStack>
            </Form>
          </div>
          {rows.length === 0 ? (
            <EmptyState heading={params.search || params.tab !== "all" ? "No contracts match" : "No subscriptions yet"} image="">
              <p>{params.search || params.tab !== "all" ? "Try another tab or search." : "Contracts appear here when customers buy through one of your plans."}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "contract", plural: "contracts" }}
              itemCount={rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={BULK_ACTIONS.map((bulk) => ({ content: `${BULK_LABEL[bulk].verb} contracts`, onAction: () => setConfirming(bulk) }))}
              headings={[{ title: "Contract" }, { title: "Customer" }, { title: "Products" }, { title: "Price" }, { title: "Delivery" }, { title: "Next billing" }, { title: "Status" }]}
            >
              {rows.map((row, index) => {
                const badge = statusBadge(row.status);
                return (
                  <IndexTable.Row id={row.id} key={row.id} position={index} selected={selectedResources.includes(row.id)}>
                    <IndexTable.Cell>
                      <Button variant="plain" url={`/app/contracts/${numericId(row.id)}`}>
                        {`#${numericId(row.id)}`}
                      </Button>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{row.customer}</IndexTable.Cell>
                    <IndexTable.Cell>{row.products}</IndexTable.Cell>
                    <IndexTable.Cell>{formatMoney(row.price, row.currencyCode)}</IndexTable.Cell>
                    <IndexTable.Cell>{frequencyLabel(row.delivery)}</IndexTable.Cell>
                    <IndexTable.Cell>{row.status === "ACTIVE" || row.status === "FAILED" ? formatDate(row.nextBillingDate) : "—"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <InlineStack gap="100">
                        <Badge tone={badge.tone}>{badge.label}</Badge>
                        {row.paymentFailed ? <Badge tone="critical">Payment failed</Badge> : null}
                      </InlineStack>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                );
              })}
            </IndexTable>
          )}
        </Card>
        {pageInfo.hasNextPage || pageInfo.hasPreviousPage ? (
          <InlineStack align="center">
            <Pagination
              hasPrevious={pageInfo.hasPreviousPage}
              previousURL={pageInfo.startCursor ? listUrl(params, { before: pageInfo.startCursor }) : undefined}
              hasNext={pageInfo.hasNextPage}
              nextURL={pageInfo.endCursor ? listUrl(params, { after: pageInfo.endCursor }) : undefined}
            />
          </InlineStack>
        ) : null}
        <Text as="p" tone="subdued" alignment="center">
          Shopify lists only the contracts bought through this app&apos;s plans.
        </Text>
      </BlockStack>
    </Page>
  );
}
