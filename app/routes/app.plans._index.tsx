import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Layout, Page, Pagination, Text, useIndexResourceState } from "@shopify/polaris";
import { useState } from "react";
import { DeleteConfirmation } from "../plans/delete-confirmation";
import { numericId } from "../plans/plan-display";
import { deletePlans, listPlans } from "../plans/plans.server";
import { adminPage } from "../shopify/admin-page.server";
import { readForm } from "../http/read-form.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { gateway } = await adminPage(request);
  const search = new URL(request.url).searchParams;
  return listPlans(gateway, { after: search.get("after"), before: search.get("before") });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { gateway } = await adminPage(request);
  const ids = (await readForm(request)).getAll("id").map(String).filter((id) => id.startsWith("gid://shopify/SellingPlanGroup/"));
  return { outcomes: await deletePlans(gateway, ids) };
};

export default function Plans() {
  const { rows, pageInfo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search, setSearch] = useSearchParams();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows);
  const [confirming, setConfirming] = useState(false);
  const deleted = result?.outcomes.filter((outcome) => outcome.deleted).length ?? 0;
  const refused = result?.outcomes.filter((outcome) => !outcome.deleted) ?? [];

  return (
    <Page title="Subscription plans" primaryAction={{ content: "Create plan", url: "/app/plans/new" }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {search.get("deleted") ? <Banner tone="success" title="Plan deleted" onDismiss={() => setSearch({})} /> : null}
            {result && navigation.state === "idle" && deleted > 0 ? <Banner tone="success" title={`${deleted} plan${deleted === 1 ? "" : "s"} deleted`} /> : null}
            {refused.length > 0 ? (
              <Banner tone="critical" title={`${refused.length} plan${refused.length === 1 ? " was" : "s were"} not deleted`}>
                <ul>
                  {refused.map((outcome) => (
                    <li key={outcome.id}>
                      {numericId(outcome.id)}: {outcome.message}
                    </li>
                  ))}
                </ul>
              </Banner>
            ) : null}
            {confirming ? (
              <DeleteConfirmation
                count={selectedResources.length}
                fields={selectedResources.map((id) => ["id", id])}
                onSubmit={() => (setConfirming(false), clearSelection())}
                onCancel={() => setConfirming(false)}
              />
            ) : null}
            <Card padding="0">
              {rows.length === 0 ? (
                <EmptyState heading="Sell subscriptions" action={{ content: "Create plan", url: "/app/plans/new" }} image="">
                  <p>A plan offers products on a delivery schedule, with a discount if you like. Buyers choose it on the product page.</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "plan", plural: "plans" }}
                  itemCount={rows.length}
                  selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
                  onSelectionChange={handleSelectionChange}
                  promotedBulkActions={[{ content: "Delete plans", onAction: () => setConfirming(true) }]}
                  headings={[{ title: "Plan" }, { title: "Name buyers see" }, { title: "Products" }, { title: "Delivery and price" }]}
                >
                  {rows.map((row, index) => (
                    <IndexTable.Row id={row.id} key={row.id} position={index} selected={selectedResources.includes(row.id)}>
                      <IndexTable.Cell>
                        <Button variant="plain" url={`/app/plans/${numericId(row.id)}`}>
                          {row.merchantCode}
                        </Button>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{row.name}</IndexTable.Cell>
                      <IndexTable.Cell>{productCount(row.products, row.variants)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <BlockStack>
                          {row.deliveries.map((line) => (
                            <Text as="span" key={line}>
                              {line}
                            </Text>
                          ))}
                        </BlockStack>
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </Card>
            {pageInfo.hasNextPage || pageInfo.hasPreviousPage ? (
              <InlineStack align="center">
                <Pagination
                  hasPrevious={pageInfo.hasPreviousPage}
                  previousURL={pageInfo.startCursor ? `/app/plans?before=${encodeURIComponent(pageInfo.startCursor)}` : undefined}
                  hasNext={pageInfo.hasNextPage}
                  nextURL={pageInfo.endCursor ? `/app/plans?after=${encodeURIComponent(pageInfo.endCursor)}` : undefined}
                />
              </InlineStack>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function productCount(products: number, variants: number): string {
  const parts = [];
  if (products > 0) parts.push(`${products} product${products === 1 ? "" : "s"}`);
  if (variants > 0) parts.push(`${variants} variant${variants === 1 ? "" : "s"}`);
  return parts.join(", ") || "None yet";
}
