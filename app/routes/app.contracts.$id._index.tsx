import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, DataTable, InlineGrid, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { AttemptOutcome } from "../contracts/billing-attempt.server";
import { runContractAction } from "../contracts/contract-actions.server";
import { adminUrl, formatDate, formatMoney, frequencyLabel, numericId, productLabel, statusBadge } from "../contracts/contract-display";
import { contractGid } from "../contracts/contract-id";
import { availableActions, CONTRACT_ACTIONS, paymentEmailRefusal, type ContractAction } from "../contracts/contract-rules";
import { ConfirmBanner } from "../contracts/confirm-banner";
import { loadContract } from "../contracts/contracts.server";
import prisma from "../db/client.server";
import { adminPage } from "../shopify/admin-page.server";
import { readForm } from "../http/read-form.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { gateway, session } = await adminPage(request);
  const loaded = await loadContract(gateway, prisma, session.shop, contractGid(params.id));
  if (!loaded) throw new Response("This contract does not exist", { status: 404 });
  return loaded;
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { gateway, session, staffUserId } = await adminPage(request);
  const contractId = contractGid(params.id);
  const form = await readForm(request);
  const action = CONTRACT_ACTIONS.find((candidate) => candidate === form.get("intent"));
  if (!action || action === "edit") return data({ ok: false as const, message: "Unknown action.", action: null }, { status: 400 });
  const cycle = form.get("cycleIndex");
  const cycleIndex = typeof cycle === "string" && /^\d{1,6}$/.test(cycle) ? Number(cycle) : undefined;
  const result = await runContractAction({ gateway, prisma, shop: session.shop, staffUserId }, contractId, { action, cycleIndex });
  return data({ ...result, action }, { status: result.ok ? 200 : result.status });
};

const ACTOR_LABEL: Record<string, string> = { merchant: "Staff", dunning: "Dunning", shopify: "Shopify" };

export default function ContractPage() {
  const { contract, cycles, subtotal, activity, trackers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [confirmCancel, setConfirmCancel] = useState(false);
  // Kept in state: the page's revalidation once a bill-now attempt settles is a
  // navigation of its own, which clears the action's data; the outcome and the
  // last action's banner must survive it.
  const [billing, setBilling] = useState<string | null>(null);
  const [outcome, setOutcome] = useState(result);
  const attemptId = result?.ok && "attemptId" in result ? result.attemptId : undefined;
  useEffect(() => {
    if (attemptId) setBilling(attemptId);
  }, [attemptId]);
  useEffect(() => {
    if (result) setOutcome(result);
  }, [result]);
  const actions = availableActions(contract.status);
  const badge = statusBadge(contract.status);
  const money = (amount: string | number) => formatMoney(amount, contract.currencyCode);
  const busy = navigation.state !== "idle";
  const nextCycle = cycles.find((cycle) => cycle.status === "UNBILLED" && !cycle.skipped);
  const method = contract.customerPaymentMethod;
  const instrument = method?.instrument;
  const emailRefused = paymentEmailRefusal(method);

  const actionButton = (intent: ContractAction, label: string, extra: Record<string, string> = {}, primary = false) => (
    <Form method="post" key={intent}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit variant={primary ? "primary" : undefined} disabled={busy}>
        {label}
      </Button>
    </Form>
  );

  return (
    <Page
      backAction={{ content: "Contracts", url: "/app/contracts" }}
      title={`Contract #${numericId(contract.id)}`}
      titleMetadata={<Badge tone={badge.tone}>{badge.label}</Badge>}
      subtitle={`${contract.customer?.displayName ?? "Customer removed"} · ${frequencyLabel(contract.deliveryPolicy)} · since ${formatDate(contract.createdAt)}`}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {outcome && navigation.state === "idle" ? <Banner tone={outcome.ok ? "success" : "critical"} title={outcome.message} /> : null}
            {billing ? <BillingProgress contractNumber={numericId(contract.id)} attemptId={billing} /> : null}
            {confirmCancel ? (
              <ConfirmBanner title="Cancel this contract?" confirmLabel="Cancel contract" critical fields={[["intent", "cancel"]]} onSubmit={() => setConfirmCancel(false)} onCancel={() => setConfirmCancel(false)}>
                <p>The customer is not billed again, and a cancelled contract cannot be resumed.</p>
              </ConfirmBanner>
            ) : null}
            <InlineStack gap="200">
              {actions.includes("pause") ? actionButton("pause", "Pause") : null}
              {actions.includes("resume") ? actionButton("resume", "Resume", {}, true) : null}
              {actions.includes("bill") && nextCycle ? actionButton("bill", `Bill now (cycle ${nextCycle.cycleIndex})`, { cycleIndex: String(nextCycle.cycleIndex) }) : null}
              {actions.includes("edit") ? <Button url={`/app/contracts/${numericId(contract.id)}/edit`}>Edit</Button> : null}
              {actions.includes("cancel") ? (
                <Button tone="critical" onClick={() => setConfirmCancel(true)} disabled={busy}>
                  Cancel contract
                </Button>
              ) : null}
            </InlineStack>

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Products
                </Text>
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                  headings={["Product", "Quantity", "Unit price", "Total"]}
                  rows={contract.lines.nodes.map((line) => [
                    productLabel(line),
                    line.quantity,
                    money(line.currentPrice.amount),
                    money(line.lineDiscountedPrice.amount),
                  ])}
                  totals={["", "", "", money(Number(subtotal) + Number(contract.deliveryPrice.amount))]}
                  showTotalsInFooter
                />
                <InlineGrid columns={2}>
                  <Text as="p" tone="subdued">
                    Subtotal {money(subtotal)} · Delivery {money(contract.deliveryPrice.amount)}
                  </Text>
                  <Text as="p" alignment="end" tone="subdued">
                    Billed {frequencyLabel(contract.billingPolicy).toLowerCase()}, delivered {frequencyLabel(contract.deliveryPolicy).toLowerCase()}
                  </Text>
                </InlineGrid>
              </BlockStack>
            </Card>

            {contract.status !== "CANCELLED" && contract.status !== "EXPIRED" ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Upcoming orders
                  </Text>
                  {cycles.length === 0 ? (
                    <Text as="p" tone="subdued">
                      No upcoming billing cycles.
                    </Text>
                  ) : (
                    cycles.map((cycle) => (
                      <InlineStack key={cycle.cycleIndex} align="space-between" blockAlign="center">
                        <Text as="span">
                          Cycle {cycle.cycleIndex}: {formatDate(cycle.billingAttemptExpectedDate)} {cycle.skipped ? <Badge>Skipped</Badge> : null}
                          {cycle.status === "BILLED" ? <Badge tone="success">Billed</Badge> : null}
                        </Text>
                        {cycle.status === "UNBILLED"
                          ? actionButton(cycle.skipped ? "unskip" : "skip", cycle.skipped ? `Unskip cycle ${cycle.cycleIndex}` : `Skip cycle ${cycle.cycleIndex}`, {
                              cycleIndex: String(cycle.cycleIndex),
                            })
                          : null}
                      </InlineStack>
                    ))
                  )}
                </BlockStack>
              </Card>
            ) : null}

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Past orders
                </Text>
                {contract.orders.nodes.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No orders yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "numeric"]}
                    headings={["Order", "Date", "Total"]}
                    rows={contract.orders.nodes.map((order) => [
                      <Link key={order.id} url={adminUrl("orders", order.id)} target="_top">
                        {order.name}
                      </Link>,
                      formatDate(order.createdAt),
                      formatMoney(order.totalPriceSet.shopMoney.amount, order.totalPriceSet.shopMoney.currencyCode),
                    ])}
                  />
                )}
              </BlockStack>
            </Card>

            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Activity
                </Text>
                {activity.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing recorded yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text"]}
                    headings={["When", "Who", "What", "Details"]}
                    rows={activity.map((entry) => [
                      new Date(entry.createdAt).toLocaleString("en-US"),
                      `${ACTOR_LABEL[entry.actor] ?? entry.actor}${entry.staffUserId ? ` #${entry.staffUserId}` : ""}`,
                      `${entry.action}${entry.outcome === "failed" ? " (refused)" : entry.outcome === "skipped" ? " (not done)" : ""}`,
                      entry.detail ?? "",
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Customer
                </Text>
                {contract.customer ? (
                  <>
                    <Link url={adminUrl("customers", contract.customer.id)} target="_top">
                      {contract.customer.displayName}
                    </Link>
                    <Text as="p" tone="subdued">
                      {contract.customer.defaultEmailAddress?.emailAddress ?? "No email"}
                    </Text>
                  </>
                ) : (
                  <Text as="p">The customer was removed.</Text>
                )}
                {contract.originOrder ? (
                  <Text as="p">
                    First order:{" "}
                    <Link url={adminUrl("orders", contract.originOrder.id)} target="_top">
                      {contract.originOrder.name}
                    </Link>
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Delivery
                </Text>
                <DeliveryMethod method={contract.deliveryMethod} />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Payment method
                </Text>
                {!method ? (
                  <Text as="p">None on file.</Text>
                ) : (
                  <>
                    <InlineStack gap="200">
                      <Text as="p">
                        {instrument && "brand" in instrument
                          ? `${instrument.brand} •••• ${instrument.lastDigits}`
                          : instrument && "lastDigits" in instrument
                            ? `Shop Pay •••• ${instrument.lastDigits}`
                            : instrument && "paypalAccountEmail" in instrument
                              ? `PayPal ${instrument.paypalAccountEmail ?? ""}`
                              : "Payment method"}
                      </Text>
                      {method.revokedAt ? <Badge tone="critical">Revoked</Badge> : null}
                      {instrument && "expiresSoon" in instrument && instrument.expiresSoon ? <Badge tone="warning">Expires soon</Badge> : null}
                    </InlineStack>
                    {instrument && "expiryMonth" in instrument ? (
                      <Text as="p" tone="subdued">
                        Expires {String(instrument.expiryMonth).padStart(2, "0")}/{instrument.expiryYear}
                      </Text>
                    ) : null}
                  </>
                )}
                {emailRefused ? (
                  <Text as="p" tone="subdued">
                    {emailRefused}
                  </Text>
                ) : (
                  actionButton("payment-email", "Send update link to customer")
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Dunning
                </Text>
                {trackers.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No failed payments.
                  </Text>
                ) : (
                  trackers.map((tracker) => (
                    <Box key={tracker.id}>
                      <InlineStack gap="200">
                        <Text as="span">
                          Cycle {tracker.billingCycleIndex}: {tracker.failureReason}
                        </Text>
                        <Badge tone={tracker.status === "open" ? "attention" : tracker.status === "recovered" ? "success" : "critical"}>{tracker.status}</Badge>
                      </InlineStack>
                      <Text as="p" tone="subdued">
                        {tracker.completedAt
                          ? `${tracker.completedReason} on ${formatDate(String(tracker.completedAt))}`
                          : tracker.nextAttemptAt
                            ? `Next retry ${formatDate(String(tracker.nextAttemptAt))}`
                            : "Waiting for the retry's outcome"}
                      </Text>
                    </Box>
                  ))
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type Delivery = ReturnType<typeof useLoaderData<typeof loader>>["contract"]["deliveryMethod"];

function DeliveryMethod({ method }: { method: Delivery }) {
  if (!method) return <Text as="p">No delivery method.</Text>;
  if (method.__typename === "SubscriptionDeliveryMethodPickup") return <Text as="p">Pickup: {method.pickupOption.title ?? "in store"}</Text>;
  if (method.__typename === "SubscriptionDeliveryMethodShipping" || method.__typename === "SubscriptionDeliveryMethodLocalDelivery") {
    const option = method.__typename === "SubscriptionDeliveryMethodShipping" ? method.shippingOption : method.localDeliveryOption;
    const address = method.address;
    return (
      <BlockStack gap="100">
        <Text as="p">{option?.title ?? "Shipping"}</Text>
        <Text as="p" tone="subdued">
          {[address.name, address.address1, address.address2, [address.zip, address.city].filter(Boolean).join(" "), address.provinceCode, address.countryCodeV2].filter(Boolean).join(", ")}
        </Text>
      </BlockStack>
    );
  }
  return <Text as="p">Delivery</Text>;
}

/** Polls the "bill now" attempt until Shopify has an outcome, then shows it and reloads the page's data. */
function BillingProgress({ contractNumber, attemptId }: { contractNumber: string; attemptId: string }) {
  const fetcher = useFetcher<{ outcome: AttemptOutcome | null }>();
  const revalidator = useRevalidator();
  const outcome = fetcher.data?.outcome;
  const settled = outcome && outcome.state !== "pending";
  useEffect(() => {
    if (settled) {
      revalidator.revalidate();
      return;
    }
    const timer = setTimeout(() => fetcher.load(`/app/contracts/${contractNumber}/attempt?id=${encodeURIComponent(attemptId)}`), fetcher.data ? 1000 : 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- poll on each answer, not on every render
  }, [fetcher.data, settled, attemptId]);

  if (!outcome || outcome.state === "pending") return <Banner tone="info" title="Billing… waiting for Shopify to process the payment" />;
  if (outcome.state === "succeeded") return <Banner tone="success" title={`Payment succeeded${outcome.order ? `: order ${outcome.order.name}` : ""}`} />;
  if (outcome.state === "failed") return <Banner tone="critical" title={`Payment failed: ${outcome.reason}`} />;
  if (outcome.state === "action-required") return <Banner tone="warning" title="The customer must confirm the payment (3-D Secure)" />;
  return <Banner tone="warning" title="Shopify reports an unknown billing state" />;
}
