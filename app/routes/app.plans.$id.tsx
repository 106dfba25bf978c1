import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Box, Button, Card, FormLayout, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import {
  DISCOUNT_TYPE_LABELS,
  DISCOUNT_TYPES,
  INTERVALS,
  numericId,
  pickerSelectionIds,
  planSummary,
  productsFromPicker,
  resourceIds,
  type DeliveryOption,
  type DiscountType,
  type Interval,
  type PickedProduct,
  type PlanProduct,
} from "../plans/plan-display";
import { DeleteConfirmation } from "../plans/delete-confirmation";
import { parsePlanForm, type PlanFieldErrors } from "../plans/plan-form";
import { createPlan, deletePlans, loadPlan, newPlan, updatePlan } from "../plans/plans.server";
import { adminPage } from "../shopify/admin-page.server";
import { readForm } from "../http/read-form.server";

/** "new", or the numeric id of one of the app's selling plan groups. */
function groupId(param: string | undefined): string | null {
  if (param === "new") return null;
  if (!param || !/^\d{1,20}$/.test(param)) throw new Response("Not found", { status: 404 });
  return `gid://shopify/SellingPlanGroup/${param}`;
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { gateway } = await adminPage(request);
  const id = groupId(params.id);
  const plan = id ? await loadPlan(gateway, id) : await newPlan(gateway);
  if (!plan) throw new Response("This plan does not exist", { status: 404 });
  return { id, ...plan };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { gateway } = await adminPage(request);
  const id = groupId(params.id);
  const formData = await readForm(request);
  if (formData.get("intent") === "delete" && id) {
    const [outcome] = await deletePlans(gateway, [id]);
    if (outcome.deleted) return redirect("/app/plans?deleted=1");
    return data({ errors: { form: outcome.message ?? "Shopify did not delete the plan" } as PlanFieldErrors }, { status: 400 });
  }
  const parsed = parsePlanForm(formData);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const saved = id ? await updatePlan(gateway, id, parsed.form) : await createPlan(gateway, parsed.form);
  if (!saved.ok) return data({ errors: saved.errors }, { status: 400 });
  return redirect(`/app/plans/${numericId(saved.id)}?saved=1`);
};

const INTERVAL_OPTIONS = INTERVALS.map((value) => ({ value, label: { WEEK: "Weeks", MONTH: "Months", YEAR: "Years" }[value] }));
const DISCOUNT_OPTIONS = DISCOUNT_TYPES.map((value) => ({ value, label: DISCOUNT_TYPE_LABELS[value] }));

interface OptionRow {
  key: string;
  id?: string;
  frequency: string;
  interval: Interval;
  discount: string;
}

let rowKeys = 0;
const toRow = (option: DeliveryOption): OptionRow => ({
  key: option.id ?? `new-${rowKeys++}`,
  id: option.id,
  frequency: String(option.frequency),
  interval: option.interval,
  discount: option.discount === null ? "" : String(option.discount),
});

export default function PlanPage() {
  const { id, form, products: loadedProducts, currencyCode } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const shopify = useAppBridge();
  const [name, setName] = useState(form.name);
  const [merchantCode, setMerchantCode] = useState(form.merchantCode);
  const [discountType, setDiscountType] = useState<DiscountType>(form.discountType);
  const [rows, setRows] = useState<OptionRow[]>(() => form.options.map(toRow));
  const [products, setProducts] = useState<PlanProduct[]>(loadedProducts);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const errors: PlanFieldErrors = result?.errors ?? {};
  const busy = navigation.state !== "idle";

  const setRow = (key: string, change: Partial<OptionRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const options: DeliveryOption[] = rows.map((row) => ({
    id: row.id,
    frequency: Number(row.frequency) || 0,
    interval: row.interval,
    discount: discountType === "NONE" || row.discount === "" ? null : Number(row.discount),
  }));
  const payload = JSON.stringify({
    name,
    merchantCode,
    discountType,
    options: rows.map(({ id: planId, frequency, interval, discount }) => ({ ...(planId ? { id: planId } : {}), frequency, interval, discount })),
    ...resourceIds(products),
  });

  async function chooseProducts() {
    const selection = await shopify.resourcePicker({
      type: "product",
      action: "select",
      multiple: true,
      filter: { variants: true },
      selectionIds: pickerSelectionIds(products),
    });
    if (selection) setProducts(productsFromPicker(selection as unknown as PickedProduct[]));
  }

  const discountField = (row: OptionRow, index: number) =>
    discountType === "NONE" ? null : (
      <TextField
        label={discountType === "PRICE" ? "Price per delivery" : "Discount"}
        type="number"
        autoComplete="off"
        value={row.discount}
        onChange={(value) => setRow(row.key, { discount: value })}
        suffix={discountType === "PERCENTAGE" ? "%" : currencyCode}
        error={errors[`options.${index}.discount`]}
      />
    );

  return (
    <Page
      title={id ? form.merchantCode || form.name : "Create plan"}
      backAction={{ content: "Plans", url: "/app/plans" }}
      secondaryActions={id ? [{ content: "Delete plan", destructive: true, onAction: () => setConfirmingDelete(true) }] : []}
    >
      {confirmingDelete ? (
        <Box paddingBlockEnd="400">
          <DeleteConfirmation count={1} fields={[["intent", "delete"]]} onCancel={() => setConfirmingDelete(false)} />
        </Box>
      ) : null}
      <Form method="post">
        <input type="hidden" name="plan" value={payload} />
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {search.get("saved") && !result ? <Banner tone="success" title="Plan saved" /> : null}
              {result && !busy ? (
                <Banner tone="critical" title="The plan was not saved">
                  <p>{errors.form ?? "Correct the fields marked below."}</p>
                </Banner>
              ) : null}
              <Card>
                <FormLayout>
                  <TextField label="Name buyers see" autoComplete="off" value={name} onChange={setName} error={errors.name} helpText="Shown on the product page and at checkout, e.g. Subscribe and save." />
                  <TextField label="Internal name" autoComplete="off" value={merchantCode} onChange={setMerchantCode} error={errors.merchantCode} helpText="Only you see this, e.g. Coffee monthly." />
                </FormLayout>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Delivery options
                  </Text>
                  <Select label="Price" options={DISCOUNT_OPTIONS} value={discountType} onChange={(value) => setDiscountType(value as DiscountType)} error={errors.discountType} />
                  {errors.options ? <Text as="p" tone="critical">{errors.options}</Text> : null}
                  {rows.map((row, index) => (
                    <BlockStack gap="100" key={row.key}>
                      <FormLayout.Group condensed>
                        <TextField
                          label={`Deliver every (option ${index + 1})`}
                          type="number"
                          autoComplete="off"
                          value={row.frequency}
                          onChange={(value) => setRow(row.key, { frequency: value })}
                          error={errors[`options.${index}.frequency`]}
                        />
                        <Select label="Interval" options={INTERVAL_OPTIONS} value={row.interval} onChange={(value) => setRow(row.key, { interval: value as Interval })} error={errors[`options.${index}.interval`]} />
                        {discountField(row, index)}
                      </FormLayout.Group>
                      {errors[`options.${index}`] ? <Text as="p" tone="critical">{errors[`options.${index}`]}</Text> : null}
                      {rows.length > 1 ? (
                        <InlineStack>
                          <Button variant="plain" tone="critical" onClick={() => setRows((current) => current.filter((candidate) => candidate.key !== row.key))}>
                            {`Remove option ${index + 1}`}
                          </Button>
                        </InlineStack>
                      ) : null}
                    </BlockStack>
                  ))}
                  <InlineStack>
                    <Button onClick={() => setRows((current) => [...current, toRow({ frequency: 1, interval: "MONTH", discount: null })])}>Add delivery option</Button>
                  </InlineStack>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between">
                    <Text as="h2" variant="headingMd">
                      Products
                    </Text>
                    <Button onClick={chooseProducts}>Choose products</Button>
                  </InlineStack>
                  {errors.products ? <Text as="p" tone="critical">{errors.products}</Text> : null}
                  {products.length === 0 ? (
                    <Text as="p" tone="subdued">
                      No products yet: choose the products and variants buyers can subscribe to.
                    </Text>
                  ) : (
                    products.map((product) => (
                      <InlineStack key={product.id} align="space-between" blockAlign="center">
                        <BlockStack>
                          <Text as="span" fontWeight="semibold">
                            {product.title}
                          </Text>
                          <Text as="span" tone="subdued">
                            {product.variants ? product.variants.map((variant) => variant.title).join(", ") : "All variants"}
                          </Text>
                        </BlockStack>
                        <Button variant="plain" tone="critical" accessibilityLabel={`Remove ${product.title}`} onClick={() => setProducts((current) => current.filter((candidate) => candidate.id !== product.id))}>
                          Remove
                        </Button>
                      </InlineStack>
                    ))
                  )}
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  What buyers see
                </Text>
                <Text as="p" fontWeight="semibold">
                  {name || "(no name yet)"}
                </Text>
                <List>
                  {planSummary(discountType, options, currencyCode).map((line, index) => (
                    <List.Item key={index}>{line}</List.Item>
                  ))}
                </List>
                <InlineStack align="end">
                  <Button submit variant="primary" loading={busy}>
                    Save plan
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}
