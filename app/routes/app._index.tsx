import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { loadDashboard } from "../dashboard/dashboard.server";
import prisma from "../db/client.server";
import { authenticateAdmin } from "../shopify/admin-page.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  return loadDashboard(prisma, session.shop);
};

export default function Dashboard() {
  const { shop, schedule, trackers } = useLoaderData<typeof loader>();
  return (
    <Page title="Dashboard" subtitle={shop}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Billing schedule
              </Text>
              {schedule ? (
                <BlockStack gap="200">
                  <Text as="p" id="billing-time">
                    Charges run daily at <strong>{schedule.billingTime}</strong> shop time ({schedule.timezone}){" "}
                    {schedule.active ? <Badge tone="success">Active</Badge> : <Badge tone="attention">Paused</Badge>}
                  </Text>
                  <Text as="p" id="next-run">
                    Next run: {schedule.nextRun ?? "none while paused"}
                  </Text>
                  <Text as="p" id="last-run">
                    Last run: {schedule.lastRun ?? "not yet"}{" "}
                    {schedule.lastRunOutcome ? <RunOutcome outcome={schedule.lastRunOutcome} /> : null}
                  </Text>
                  {schedule.lastRunError ? (
                    <Text as="p" tone="critical" id="last-run-error">
                      {schedule.lastRunError}
                    </Text>
                  ) : null}
                  <Text as="p" tone="subdued">
                    Shop time now: {schedule.shopTimeNow}
                  </Text>
                </BlockStack>
              ) : (
                <Text as="p">No billing schedule yet: it is created when the app is installed.</Text>
              )}
              <Link to="/app/settings">Change the schedule and dunning rules</Link>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={3} gap="400">
            <TrackerCount label="Open" count={trackers.open} status="open" />
            <TrackerCount label="Recovered" count={trackers.recovered} status="recovered" />
            <TrackerCount label="Failed" count={trackers.failed} status="failed" />
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function RunOutcome({ outcome }: { outcome: string }) {
  if (outcome === "succeeded") return <Badge tone="success">Charged</Badge>;
  if (outcome === "retrying") return <Badge tone="attention">Retrying</Badge>;
  return <Badge tone="critical">Failed</Badge>;
}

function TrackerCount({ label, count, status }: { label: string; count: number; status: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {label} dunning
        </Text>
        <Text as="p" variant="heading2xl" id={`trackers-${status}`}>
          {count}
        </Text>
        <Link to={`/app/dunning?status=${status}`}>View</Link>
      </BlockStack>
    </Card>
  );
}
