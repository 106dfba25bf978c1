import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, FormLayout, InlineError, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { formatMoney, numericId, productLabel } from "../contracts/contract-display";
import { parseEditForm, rowsFromPicker, type AddedRow, type EditFieldErrors, type PickedVariant } from "../contracts/contract-edit";
import { editContract, loadEditableContract } from "../contracts/contract-edit.server";
import { contractGid } from "../contracts/contract-id";
import { isTerminated } from "../contracts/contract-rules";
import prisma from "../db/client.server";
import { INTERVALS } from "../plans/plan-display";
import { adminPage } from "../shopify/admin-page.server";
import { readForm } from "../http/read-form.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { gateway } = await adminPage(request);
  const contract = await loadEditableContract(gateway, contractGid(params.id));
  if (!contract) throw new Response("This contract does not exist", { status: 404 });
  return { contract };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { gateway, session, staffUserId } = await adminPage(request);
  const contractId = contractGid(params.id);
  const parsed = parseEditForm(await readForm(request));
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
  const shopify = useAppBridge();
  const [lines, setLines] = useState(contract.lines.map((line) => ({ ...line, quantity: String(line.quantity), remove: false })));
  const [added, setAdded] = useState<AddedRow[]>([]);
  const [interval, setInterval] = useState(INTERVALS.includes(contract.interval as never) ? contract.interval : "MONTH");
  const [intervalCount, setIntervalCount] = useState(String(contract.intervalCount));
  const setLine = (index: number, change: Partial<(typeof lines)[number]>) => setLines((current) => current.map((line, i) => (i === index ? { ...line, ...change } : line)));
  const setAddedRow = (index: number, change: Partial<AddedRow>) => setAdded((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const terminated = isTerminated(contract.status);

  async function addProducts() {
    const selection = await shopify.resourcePicker({ type: "variant", action: "add", multiple: true });
    if (selection) setAdded((current) => [...current, ...rowsFromPicker(selection as unknown as PickedVariant[], current)]);
  }
  const backUrl = `/app/contracts/${numericId(contract.id)}`;

  return (
    <Page backAction={{ content: "Contract", url: backUrl }} title={`Edit contract #${numericId(contract.id)}`}>
      <Form method="post">
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
              {terminated ? <Banner tone="warning" title={`This contract is ${contract.status.toLowerCase()} and cannot change any more.`} /> : null}
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Products
                  </Text>
                  {errors.lines ? <InlineError fieldID="products" message={errors.lines} /> : null}
                  {lines.map((line, index) =>
                    line.remove ? (
                      <InlineStack key={line.id} align="space-between" blockAlign="center">
                        {/* A removed line still sends its row, marked: the server removes it from the draft. */}
                        <input type="hidden" name={`lines[${index}].id`} value={line.id} />
                        <input type="hidden" name={`lines[${index}].quantity`} value={line.quantity} />
                        <input type="hidden" name={`lines[${index}].price`} value={line.price} />
                        <input type="hidden" name={`lines[${index}].remove`} value="true" />
                        <Text as="p" tone="subdued">
                          <s>{productLabel(line)}</s> removed when you save
                        </Text>
                        <Button variant="plain" onClick={() => setLine(index, { remove: false })} accessibilityLabel={`Keep ${productLabel(line)}`}>
                          Undo
                        </Button>
                      </InlineStack>
                    ) : (
                      <FormLayout.Group key={line.id} condensed>
                        {/* The hidden id shares the label's cell: FormLayout.Group gives every child a column. */}
                        <div>
                          <input type="hidden" name={`lines[${index}].id`} value={line.id} />
                          <Text as="p">{productLabel(line)}</Text>
                        </div>
                        <TextField
                          label="Quantity"
                          name={`lines[${index}].quantity`}
                          type="number"
                          min={1}
                          value={line.quantity}
                          onChange={(value) => setLine(index, { quantity: value })}
                          error={errors[`lines[${index}].quantity`]}
                          autoComplete="off"
                        />
                        <TextField
                          label={`Price per unit (${contract.currencyCode})`}
                          name={`lines[${index}].price`}
                          value={line.price}
                          onChange={(value) => setLine(index, { price: value })}
                          error={errors[`lines[${index}].price`]}
                          helpText={`Now ${formatMoney(contract.lines[index].price, contract.currencyCode)}`}
                          autoComplete="off"
                          connectedRight={
                            <Button onClick={() => setLine(index, { remove: true })} accessibilityLabel={`Remove ${productLabel(line)}`} disabled={terminated}>
                              Remove
                            </Button>
                          }
                        />
                      </FormLayout.Group>
                    ),
                  )}
                  {added.map((row, index) => (
                    <FormLayout.Group key={row.variantId} condensed>
                      <BlockStack gap="100">
                        <input type="hidden" name={`added[${index}].variantId`} value={row.variantId} />
                        <Text as="p">
                          {row.label} <Text as="span" tone="subdued">(new)</Text>
                        </Text>
                        {errors[`added[${index}].variantId`] ? <InlineError fieldID={`added-${index}`} message={errors[`added[${index}].variantId`]} /> : null}
                      </BlockStack>
                      <TextField
                        label="Quantity"
                        name={`added[${index}].quantity`}
                        type="number"
                        min={1}
                        value={row.quantity}
                        onChange={(value) => setAddedRow(index, { quantity: value })}
                        error={errors[`added[${index}].quantity`]}
                        autoComplete="off"
                      />
                      <TextField
                        label={`Price per unit (${contract.currencyCode})`}
                        name={`added[${index}].price`}
                        value={row.price}
                        onChange={(value) => setAddedRow(index, { price: value })}
                        error={errors[`added[${index}].price`]}
                        autoComplete="off"
                        connectedRight={
                          <Button onClick={() => setAdded((current) => current.filter((_, i) => i !== index))} accessibilityLabel={`Don't add ${row.label}`}>
                            Remove
                          </Button>
                        }
                      />
                    </FormLayout.Group>
                  ))}
                  <InlineStack>
                    <Button onClick={addProducts} disabled={terminated}>
                      Add products
                    </Button>
                  </InlineStack>
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
                <Button submit variant="primary" loading={navigation.state === "submitting"} disabled={terminated}>
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
