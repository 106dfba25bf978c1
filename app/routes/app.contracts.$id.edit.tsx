import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { formatMoney, numericId, productLabel } from "../contracts/contract-display";
import { parseEditForm, type EditFieldErrors } from "../contracts/contract-edit";
import { editContract, loadEditableContract } from "../contracts/contract-edit.server";
import { contractGid } from "../contracts/contract-id";
import { isTerminated } from "../contracts/contract-rules";
import prisma from "../db/client.server";
import { INTERVALS } from "../plans/plan-display";
import { adminPage } from "../shopify/admin-page.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { gateway } = await adminPage(request);
  const contract = await loadEditableContract(gateway, contractGid(params.id));
  if (!contract) throw new Response("This contract does not exist", { status: 404 });
  return { contract };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { gateway, session, staffUserId } = await adminPage(request);
  const contractId = contractGid(params.id);
  const parsed = parseEditForm(await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await editContract({ gateway, prisma, shop: session.shop, staffUserId }, contractId, parsed.form);
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  return redirect(`/app/contracts/${numericId(contractId)}${result.changed ? "?edited=1" : ""}`);
};

const INTERVAL_OPTIONS = INTERVALS.map((value) => ({ value, label: { WEEK: "Weeks", MONTH: "Months", YEAR: "Years" }[value] }));

export default function EditContract() {
  const { contract } = useLoaderData<typeof loader>();
  const errors: EditFieldErrors = useActionData<typeof action>()?.errors ?? {};
  const navigation = useNavigation();
  const [lines, setLines] = useState(contract.lines.map((line) => ({ ...line, quantity: String(line.quantity) })));
  const [interval, setInterval] = useState(INTERVALS.includes(contract.interval as never) ? contract.interval : "MONTH");
  const [intervalCount, setIntervalCount] = useState(String(contract.intervalCount));
  const setLine = (index: number, field: "quantity" | "price", value: string) => setLines((current) => current.map((line, i) => (i === index ? { ...line, [field]: value } : line)));
  const backUrl = `/app/contracts/${numericId(contract.id)}`;

  return (
    <Page backAction={{ content: "Contract", url: backUrl }} title={`Edit contract #${numericId(contract.id)}`}>
      <Form method="post">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
              {isTerminated(contract.status) ? <Banner tone="warning" title={`This contract is ${contract.status.toLowerCase()} and cannot change any more.`} /> : null}
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Products
                  </Text>
                  {lines.map((line, index) => (
                    <FormLayout.Group key={line.id} condensed>
                      <input type="hidden" name={`lines[${index}].id`} value={line.id} />
                      <Text as="p">{productLabel(line)}</Text>
                      <TextField
                        label="Quantity"
                        name={`lines[${index}].quantity`}
                        type="number"
                        min={1}
                        value={line.quantity}
                        onChange={(value) => setLine(index, "quantity", value)}
                        error={errors[`lines[${index}].quantity`]}
                        autoComplete="off"
                      />
                      <TextField
                        label={`Price per unit (${contract.currencyCode})`}
                        name={`lines[${index}].price`}
                        value={line.price}
                        onChange={(value) => setLine(index, "price", value)}
                        error={errors[`lines[${index}].price`]}
                        helpText={`Now ${formatMoney(contract.lines[index].price, contract.currencyCode)}`}
                        autoComplete="off"
                      />
                    </FormLayout.Group>
                  ))}
                </BlockStack>
              </Card>
              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Delivery and billing frequency
                  </Text>
                  <FormLayout.Group condensed>
                    <TextField label="Every" name="intervalCount" type="number" min={1} value={intervalCount} onChange={setIntervalCount} error={errors.intervalCount} autoComplete="off" />
                    <Select label="Unit" name="interval" options={INTERVAL_OPTIONS} value={interval} onChange={setInterval} error={errors.interval} />
                  </FormLayout.Group>
                  <Text as="p" tone="subdued">
                    The customer is billed once per delivery. Changes apply from the next billing cycle.
                  </Text>
                </FormLayout>
              </Card>
              <InlineStack align="end" gap="200">
                <Button url={backUrl}>Discard</Button>
                <Button submit variant="primary" loading={navigation.state === "submitting"} disabled={isTerminated(contract.status)}>
                  Save
                </Button>
              </InlineStack>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
