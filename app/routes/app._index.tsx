import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const schedule = await prisma.billingSchedule.findUnique({ where: { shop: session.shop } });
  return { shop: session.shop, schedule };
};

export default function Dashboard() {
  const { shop, schedule } = useLoaderData<typeof loader>();
  return (
    <Page title="Subscriptions">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {shop}
              </Text>
              <Text as="p">
                {schedule
                  ? `Billing runs daily at ${schedule.hour}:00 (${schedule.timezone}).`
                  : "No billing schedule yet."}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
