import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import prisma from "../db/client.server";
import { loadSettings, saveSettings } from "../settings/settings.server";
import { FINAL_ACTIONS } from "../settings/final-actions";
import { parseSettingsForm, type FieldErrors, type Settings } from "../settings/settings-form";
import { timeZoneOptions } from "../settings/time-zones";
import { authenticateAdmin } from "../shopify/admin-page.server";
import { readEmailEnv } from "../env.server";
import { NotificationsSection } from "../notifications/notifications-section";
import { parseNotificationForm } from "../notifications/notification-form";
import { readNotificationSettings, saveNotificationSettings } from "../notifications/notification-settings.server";
import { readForm } from "../http/read-form.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const settings = await loadSettings(prisma, session.shop);
  if (!settings) throw new Response("No billing schedule for this shop; reinstall the app", { status: 404 });
  const notifications = await readNotificationSettings(prisma, session.shop);
  return { settings, timeZones: timeZoneOptions(settings.timezone), notifications, emailTransport: readEmailEnv().transport };
};

/** Two forms post here: the billing and dunning settings, and (intent=notifications) the emails. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticateAdmin(request);
  const form = await readForm(request);
  if (form.get("intent") === "notifications") {
    const result = parseNotificationForm(form);
    if (!result.ok) return data({ section: "notifications" as const, saved: false as const, fieldErrors: {}, notificationErrors: result.fieldErrors }, { status: 400 });
    await saveNotificationSettings(prisma, session.shop, result.preferences);
    return { section: "notifications" as const, saved: true as const, fieldErrors: {}, notificationErrors: {} };
  }
  const result = parseSettingsForm(form);
  if (!result.ok) return data({ section: "billing" as const, saved: false as const, fieldErrors: result.fieldErrors, notificationErrors: {} }, { status: 400 });
  await saveSettings(prisma, session.shop, result.settings);
  return { section: "billing" as const, saved: true as const, fieldErrors: {} as FieldErrors, notificationErrors: {} };
};

const HOURS = Array.from({ length: 24 }, (_, hour) => ({ label: `${String(hour).padStart(2, "0")}:00`, value: String(hour) }));
const ACTION_LABELS: Record<(typeof FINAL_ACTIONS)[number], string> = {
  cancel: "Cancel the subscription",
  pause: "Pause the subscription",
  skip: "Skip the billing cycle",
};
const FINAL_ACTION_OPTIONS = FINAL_ACTIONS.map((value) => ({ value, label: ACTION_LABELS[value] }));

type FormValues = { [K in keyof Settings]: Settings[K] extends boolean ? boolean : string };

function toFormValues(settings: Settings): FormValues {
  return {
    ...settings,
    hour: String(settings.hour),
    retryAttempts: String(settings.retryAttempts),
    daysBetweenRetryAttempts: String(settings.daysBetweenRetryAttempts),
    inventoryRetryAttempts: String(settings.inventoryRetryAttempts),
    inventoryDaysBetweenRetryAttempts: String(settings.inventoryDaysBetweenRetryAttempts),
  };
}

export default function SettingsPage() {
  const { settings, timeZones, notifications, emailTransport } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const result = actionResult?.section === "billing" ? actionResult : undefined;
  const notificationResult = actionResult?.section === "notifications" ? actionResult : undefined;
  const navigation = useNavigation();
  const [values, setValues] = useState(() => toFormValues(settings));
  const errors: FieldErrors = result?.fieldErrors ?? {};
  const set = (field: keyof FormValues) => (value: string | boolean) => setValues((current) => ({ ...current, [field]: value }));

  return (
    <Page title="Settings">
      <Form method="post">
        <Layout>
          <Layout.Section>
            {result?.saved && navigation.state === "idle" ? (
              <Banner tone="success" title="Settings saved" />
            ) : null}
            {result && !result.saved ? (
              <Banner tone="critical" title="Some settings need fixing">
                <p>Nothing was saved. Correct the fields marked below.</p>
              </Banner>
            ) : null}
          </Layout.Section>
          <Layout.AnnotatedSection title="Billing schedule" description="Subscriptions are charged once a day at this local time.">
            <Card>
              <FormLayout>
                <Select label="Billing hour" name="hour" options={HOURS} value={values.hour} onChange={set("hour")} error={errors.hour} />
                <Select
                  label="Time zone"
                  name="timezone"
                  options={timeZones}
                  value={values.timezone}
                  onChange={set("timezone")}
                  error={errors.timezone}
                />
                <Checkbox
                  label="Billing active"
                  name="active"
                  value="true"
                  checked={values.active}
                  onChange={set("active")}
                  helpText="While inactive, no charges are started for this shop."
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title="Failed payments" description="Retries after a declined or failed payment.">
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  <NumberField label="Retry attempts" name="retryAttempts" values={values} errors={errors} onChange={set} help="0 to 10" />
                  <NumberField label="Days between retries" name="daysBetweenRetryAttempts" values={values} errors={errors} onChange={set} help="1 to 14" />
                </FormLayout.Group>
                <Select label="When retries run out" name="onFailure" options={FINAL_ACTION_OPTIONS} value={values.onFailure} onChange={set("onFailure")} error={errors.onFailure} />
                <Checkbox
                  label="Resume a contract paused by dunning when a later payment succeeds"
                  name="reactivateAfterRecovery"
                  value="true"
                  checked={values.reactivateAfterRecovery}
                  onChange={set("reactivateAfterRecovery")}
                  helpText="For example when the customer completes a 3-D Secure check after the pause. Only pauses taken by these retries are undone; a contract you or the customer paused stays paused."
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title="Out of stock" description="Retries when a renewal fails for lack of inventory.">
            <Card>
              <FormLayout>
                <FormLayout.Group>
                  <NumberField label="Inventory retry attempts" name="inventoryRetryAttempts" values={values} errors={errors} onChange={set} help="0 to 10" />
                  <NumberField label="Days between inventory retries" name="inventoryDaysBetweenRetryAttempts" values={values} errors={errors} onChange={set} help="1 to 14" />
                </FormLayout.Group>
                <Select label="When inventory retries run out" name="inventoryOnFailure" options={FINAL_ACTION_OPTIONS} value={values.inventoryOnFailure} onChange={set("inventoryOnFailure")} error={errors.inventoryOnFailure} />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.Section>
            <BlockStack inlineAlign="end">
              <Button submit variant="primary" loading={navigation.state === "submitting" && navigation.formData?.get("intent") !== "notifications"}>
                Save
              </Button>
            </BlockStack>
          </Layout.Section>
          <Layout.Section>
            <Text as="p" tone="subdued">
              Changes apply from the next billing run.
            </Text>
          </Layout.Section>
        </Layout>
      </Form>
      <div style={{ marginTop: "var(--p-space-800)" }}>
        <NotificationsSection
          saved={notificationResult?.saved === true && navigation.state === "idle"}
          errors={notificationResult?.notificationErrors ?? {}}
          preferences={notifications}
          emailTransport={emailTransport}
          submitting={navigation.state === "submitting" && navigation.formData?.get("intent") === "notifications"}
        />
      </div>
    </Page>
  );
}

type NumberFieldName = "retryAttempts" | "daysBetweenRetryAttempts" | "inventoryRetryAttempts" | "inventoryDaysBetweenRetryAttempts";

function NumberField(props: {
  label: string;
  name: NumberFieldName;
  help: string;
  values: FormValues;
  errors: FieldErrors;
  onChange: (field: NumberFieldName) => (value: string) => void;
}) {
  return (
    <TextField
      label={props.label}
      name={props.name}
      type="number"
      autoComplete="off"
      value={props.values[props.name]}
      onChange={props.onChange(props.name)}
      error={props.errors[props.name]}
      helpText={props.help}
    />
  );
}
