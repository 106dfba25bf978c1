import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack } from "@shopify/polaris";

/**
 * The question before a contract action that is hard to undo (cancel, bulk
 * actions), as a banner with its own form: `fields` are posted with it.
 */
export function ConfirmBanner({
  title,
  children,
  confirmLabel,
  critical = false,
  fields,
  onSubmit,
  onCancel,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  critical?: boolean;
  fields: Array<[string, string]>;
  onSubmit?: () => void;
  onCancel: () => void;
}) {
  return (
    <Banner tone="warning" title={title}>
      <Form method="post" onSubmit={onSubmit}>
        {fields.map(([name, value]) => (
          <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
        ))}
        <BlockStack gap="200">
          {children}
          <InlineStack gap="200">
            <Button submit variant="primary" tone={critical ? "critical" : undefined}>
              {confirmLabel}
            </Button>
            <Button onClick={onCancel}>Keep as is</Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Banner>
  );
}
