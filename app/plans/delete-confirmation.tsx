import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack } from "@shopify/polaris";

/**
 * The question before plans are deleted, as a banner with its own form:
 * `fields` are posted with it (the plans' ids, or the page's intent).
 */
export function DeleteConfirmation({ count, fields, onSubmit, onCancel }: { count: number; fields: Array<[string, string]>; onSubmit?: () => void; onCancel: () => void }) {
  const plural = count === 1 ? "" : "s";
  return (
    <Banner tone="warning" title={count === 1 && fields.some(([name]) => name === "intent") ? "Delete this plan?" : `Delete ${count} plan${plural}?`}>
      <Form method="post" onSubmit={onSubmit}>
        {fields.map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        <BlockStack gap="200">
          <p>This can&apos;t be undone. Subscriptions already bought through {count === 1 ? "it" : "these plans"} are not affected.</p>
          <InlineStack gap="200">
            <Button submit variant="primary" tone="critical">
              Delete
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Banner>
  );
}
