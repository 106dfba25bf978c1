/**
 * The Settings page's notifications form: which emails are sent, where
 * replies and the merchant's emails go, and how stock-outs are reported.
 * Posts intent=notifications to the settings route (parseNotificationForm).
 */
import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { CUSTOMER_EMAILS, EMAIL_KIND_LABELS, kindField, MERCHANT_EMAILS, type EmailKind } from "./email-kinds";
import type { NotificationFieldErrors } from "./notification-form";

interface Preferences {
  disabledKinds: readonly string[];
  replyTo: string | null;
  merchantEmail: string | null;
  inventoryNotices: string;
}

const INVENTORY_OPTIONS = [
  { value: "immediately", label: "Immediately, one email per failed renewal" },
  { value: "weekly", label: "Weekly digest, Mondays at 09:00 in the shop's time zone" },
];

export function NotificationsSection(props: {
  preferences: Preferences;
  errors: NotificationFieldErrors;
  saved: boolean;
  submitting: boolean;
  emailTransport: "smtp" | "log";
}) {
  const { preferences, errors } = props;
  const [enabled, setEnabled] = useState(() => new Set<string>([...CUSTOMER_EMAILS, ...MERCHANT_EMAILS].filter((kind) => !preferences.disabledKinds.includes(kind))));
  const [replyTo, setReplyTo] = useState(preferences.replyTo ?? "");
  const [merchantEmail, setMerchantEmail] = useState(preferences.merchantEmail ?? "");
  const [inventoryNotices, setInventoryNotices] = useState(preferences.inventoryNotices);
  const toggle = (kind: EmailKind) => (checked: boolean) =>
    setEnabled((current) => {
      const next = new Set(current);
      if (checked) next.add(kind);
      else next.delete(kind);
      return next;
    });
  const checkbox = (kind: EmailKind) => (
    <Checkbox key={kind} label={EMAIL_KIND_LABELS[kind].label} helpText={EMAIL_KIND_LABELS[kind].when} name={kindField(kind)} value="on" checked={enabled.has(kind)} onChange={toggle(kind)} />
  );

  return (
    <Form method="post">
      <input type="hidden" name="intent" value="notifications" />
      <Layout>
        <Layout.Section>
          {props.saved ? <Banner tone="success" title="Notification settings saved" /> : null}
          {Object.keys(errors).length > 0 ? (
            <Banner tone="critical" title="Some notification settings need fixing">
              <p>Nothing was saved. Correct the fields marked below.</p>
            </Banner>
          ) : null}
          {props.emailTransport === "log" ? (
            <Banner tone="warning" title="Emails are written to the log, not sent">
              <p>Set SMTP_URL and EMAIL_FROM on the server to send them (docs/notifications.md).</p>
            </Banner>
          ) : null}
        </Layout.Section>
        <Layout.AnnotatedSection
          title="Customer emails"
          description="Sent to the subscriber, from your shop's name, with a link to manage the subscription in their account."
        >
          <Card>
            <FormLayout>
              {CUSTOMER_EMAILS.map(checkbox)}
              <TextField
                label="Reply-to address"
                name="replyTo"
                type="email"
                autoComplete="email"
                value={replyTo}
                onChange={setReplyTo}
                error={errors.replyTo}
                helpText="Where customers' replies go. Leave blank for your store's contact email."
              />
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Emails to you" description="When a payment could not be recovered, or a renewal failed for lack of stock.">
          <Card>
            <FormLayout>
              {MERCHANT_EMAILS.map(checkbox)}
              <TextField
                label="Your notification address"
                name="merchantEmail"
                type="email"
                autoComplete="email"
                value={merchantEmail}
                onChange={setMerchantEmail}
                error={errors.merchantEmail}
                helpText="Leave blank for your store's account email."
              />
              <Select label="Out-of-stock emails" name="inventoryNotices" options={INVENTORY_OPTIONS} value={inventoryNotices} onChange={setInventoryNotices} error={errors.inventoryNotices} />
            </FormLayout>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.Section>
          <BlockStack inlineAlign="end" gap="200">
            <Button submit variant="primary" loading={props.submitting}>
              Save notifications
            </Button>
            <Text as="p" tone="subdued">
              Every email here is transactional: it concerns one subscription, so none carries an unsubscribe link.
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Form>
  );
}
