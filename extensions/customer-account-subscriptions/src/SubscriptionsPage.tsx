/** @jsxImportSource preact */
/**
 * The customer's subscriptions page in their account: the list, and one
 * subscription's page (`/subscriptions/<id>`) with its products, upcoming
 * and past orders, delivery, card, and what the customer may do. A thin view:
 * subscriptions.ts and delivery.ts talk to the Customer Account API,
 * app-backend.ts to the app, portal.ts decides.
 */
import { useEffect, useState } from "preact/hooks";
import type { AppBackend, PaymentMethodAnswer } from "./app-backend";
import type { CustomerClient } from "./customer-client";
import {
  ADDRESS_FIELDS,
  addressFormFrom,
  addressInput,
  deliveryMethodInput,
  fetchDeliveryOptions,
  selectDeliveryMethod,
  type AddressField,
  type AddressForm,
  type CustomerAddressInput,
  type DeliveryOption,
} from "./delivery";
import { actionsFor, frequencyKey, LIST_URL, nextOrder, routeFor, statusTone, subscriptionUrl, type ActionOutcome, type PortalRoute, type SubscriptionStatus } from "./portal";
import { changeStatus, loadSubscription, loadSubscriptions, setOrderSkipped, type SubscriptionDetail, type SubscriptionSummary } from "./subscriptions";

/** What the view uses of the `shopify` global. */
export interface PortalApi {
  i18n: {
    translate: (key: string, options?: Record<string, string | number>) => string;
    formatCurrency: (amount: number, options?: { currency?: string }) => string;
    formatDate: (date: Date, options?: { dateStyle?: "long" | "medium" }) => string;
  };
}

/** The Navigation API customer accounts give a full page. */
export interface PortalNavigation {
  currentEntry: { url: string | null };
  navigate: (url: string) => unknown;
  addEventListener: (type: "currententrychange", listener: () => void) => void;
  removeEventListener: (type: "currententrychange", listener: () => void) => void;
}

interface Props {
  api: PortalApi;
  navigation: PortalNavigation;
  client: CustomerClient;
  backend: AppBackend;
}

type Notice = { tone: "success" | "critical"; message: string } | null;
type Money = { amount: string; currencyCode: string };

function useFormat(api: PortalApi) {
  const t = (key: string, options?: Record<string, string | number>) => api.i18n.translate(key, options);
  const money = (value: Money) => api.i18n.formatCurrency(Number(value.amount), { currency: value.currencyCode });
  const date = (value: string) => api.i18n.formatDate(new Date(value), { dateStyle: "long" });
  const frequency = (policy: SubscriptionSummary["deliveryPolicy"]) => {
    const { key, count } = frequencyKey(policy);
    return t(key, { count });
  };
  return { t, money, date, frequency };
}

export function SubscriptionsPage({ api, navigation, client, backend }: Props) {
  const [route, setRoute] = useState<PortalRoute>(() => routeFor(navigation.currentEntry.url ?? ""));
  useEffect(() => {
    const changed = () => setRoute(routeFor(navigation.currentEntry.url ?? ""));
    navigation.addEventListener("currententrychange", changed);
    return () => navigation.removeEventListener("currententrychange", changed);
  }, [navigation]);
  return route.view === "detail" ? (
    <SubscriptionPage key={route.id} id={route.id} api={api} client={client} backend={backend} />
  ) : (
    <SubscriptionList api={api} client={client} />
  );
}

function SubscriptionList({ api, client }: { api: PortalApi; client: CustomerClient }) {
  const { t, money, date, frequency } = useFormat(api);
  const [subscriptions, setSubscriptions] = useState<SubscriptionSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (after: string | null) => {
    setLoading(true);
    try {
      const page = await loadSubscriptions(client, after);
      setSubscriptions((current) => [...(after ? (current ?? []) : []), ...page.subscriptions]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(t("errors.load", { message: (failure as Error).message }));
    } finally {
      setLoading(false);
    }
  };
  // The first page, once: later pages load from the button.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is recreated each render; this runs on mount only
  useEffect(() => void load(null), []);

  return (
    <s-page heading={t("list.heading")}>
      {error && <s-banner tone="critical">{error}</s-banner>}
      {subscriptions === null && !error && <s-spinner accessibilityLabel={t("list.heading")} />}
      {subscriptions?.length === 0 && <s-paragraph>{t("list.empty")}</s-paragraph>}
      {subscriptions?.map((subscription) => {
        const perDelivery = subscription.lines.nodes.reduce((sum, line) => sum + Number(line.lineDiscountedPrice.amount), Number(subscription.deliveryPrice.amount));
        const hidden = (subscription.linesCount?.count ?? subscription.lines.nodes.length) - subscription.lines.nodes.length;
        return (
          <s-section key={subscription.id} heading={subscription.lines.nodes.map((line) => line.name).join(", ") + (hidden > 0 ? ` ${t("list.moreLines", { count: hidden })}` : "")}>
            <s-stack direction="inline" gap="base" alignItems="center">
              <s-badge tone={statusTone(subscription.status as SubscriptionStatus)}>{t(`status.${subscription.status}`)}</s-badge>
              <s-text>{frequency(subscription.deliveryPolicy)}</s-text>
              <s-text>{t("list.total", { price: money({ amount: String(perDelivery), currencyCode: subscription.currencyCode }) })}</s-text>
              <s-text>{subscription.nextBillingDate ? t("list.nextOrder", { date: date(subscription.nextBillingDate) }) : t("list.noNextOrder")}</s-text>
              <s-button href={subscriptionUrl(subscription.id)}>{t("list.manage")}</s-button>
            </s-stack>
          </s-section>
        );
      })}
      {cursor && (
        <s-button loading={loading} onClick={() => load(cursor)}>
          {t("list.more")}
        </s-button>
      )}
    </s-page>
  );
}

function SubscriptionPage({ id, api, client, backend }: { id: string; api: PortalApi; client: CustomerClient; backend: AppBackend }) {
  const { t, money, date, frequency } = useFormat(api);
  const [subscription, setSubscription] = useState<SubscriptionDetail | null | undefined>(undefined);
  const [payment, setPayment] = useState<PaymentMethodAnswer | "unavailable" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [editingDelivery, setEditingDelivery] = useState(false);

  const reload = async () => {
    try {
      setSubscription(await loadSubscription(client, id));
    } catch (failure) {
      setError(t("errors.load", { message: (failure as Error).message }));
    }
  };
  useEffect(() => {
    void reload();
    // The card comes from the app; the page works without it.
    backend.paymentMethod(id).then(setPayment, () => setPayment("unavailable"));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads once per subscription; `reload` is recreated each render
  }, [id]);

  /** Runs one change, shows its outcome, and reloads the subscription after a success. */
  const run = async (name: string, change: () => Promise<ActionOutcome>, success: string) => {
    setBusy(name);
    setNotice(null);
    try {
      const outcome = await change();
      if (outcome.ok) {
        setNotice({ tone: "success", message: success });
        await reload();
      } else {
        setNotice({ tone: "critical", message: t("actions.failed", { message: outcome.message }) });
      }
    } catch (failure) {
      setNotice({ tone: "critical", message: t("actions.failed", { message: (failure as Error).message }) });
    } finally {
      setBusy(null);
    }
  };

  if (error) return <s-page heading={t("detail.heading")}><s-banner tone="critical">{error}</s-banner></s-page>;
  if (subscription === undefined) return <s-page heading={t("detail.heading")}><s-spinner accessibilityLabel={t("detail.heading")} /></s-page>;
  if (subscription === null) {
    return (
      <s-page heading={t("detail.heading")}>
        <s-banner tone="warning">{t("detail.notFound")}</s-banner>
        <s-button href={LIST_URL}>{t("detail.back")}</s-button>
      </s-page>
    );
  }

  const status = subscription.status as SubscriptionStatus;
  const upcoming = subscription.upcomingBillingCycles.nodes;
  const next = nextOrder(upcoming);
  const actions = actionsFor(status, { hasUpcomingOrder: next !== null });
  const sendUpdateEmail = () =>
    run("payment-method", async () => (await backend.sendPaymentMethodUpdate(id), { ok: true }), t("payment.sent"));

  return (
    <s-page heading={subscription.lines.nodes.map((line) => line.name).join(", ") || t("detail.heading")}>
      <s-button slot="secondary-actions" href={LIST_URL}>
        {t("detail.back")}
      </s-button>
      {notice && <s-banner tone={notice.tone}>{notice.message}</s-banner>}
      {status === "FAILED" || subscription.lastBillingAttemptErrorType === "PAYMENT_ERROR" ? <s-banner tone="warning">{t("detail.failedBanner")}</s-banner> : null}

      <s-section heading={t("detail.products")}>
        <s-stack direction="inline" gap="base" alignItems="center">
          <s-badge tone={statusTone(status)}>{t(`status.${status}`)}</s-badge>
          <s-text>{frequency(subscription.deliveryPolicy)}</s-text>
        </s-stack>
        {subscription.lines.nodes.map((line) => (
          <s-stack key={line.id} direction="inline" gap="base">
            <s-text>{t("detail.line", { quantity: line.quantity, name: line.name })}</s-text>
            <s-text>{money(line.lineDiscountedPrice)}</s-text>
          </s-stack>
        ))}
        <s-text>{t("detail.delivery", { price: money(subscription.deliveryPrice) })}</s-text>
      </s-section>

      {actions.length > 0 && (
        <s-section heading={t("actions.heading")}>
          <s-stack direction="inline" gap="base">
            {actions.includes("resume") && (
              <s-button variant="primary" loading={busy === "resume"} onClick={() => run("resume", () => changeStatus(client, "resume", id), t("actions.resumed"))}>
                {t("actions.resume")}
              </s-button>
            )}
            {actions.includes("pause") && (
              <s-button loading={busy === "pause"} onClick={() => run("pause", () => changeStatus(client, "pause", id), t("actions.paused"))}>
                {t("actions.pause")}
              </s-button>
            )}
            {actions.includes("cancel") && !confirmingCancel && (
              <s-button tone="critical" onClick={() => setConfirmingCancel(true)}>
                {t("actions.cancel")}
              </s-button>
            )}
          </s-stack>
          {confirmingCancel && (
            <s-banner tone="critical" heading={t("actions.confirmCancel")}>
              <s-button
                tone="critical"
                loading={busy === "cancel"}
                onClick={async () => {
                  await run("cancel", () => changeStatus(client, "cancel", id), t("actions.cancelled"));
                  setConfirmingCancel(false);
                }}
              >
                {t("actions.confirmCancelYes")}
              </s-button>
              <s-button onClick={() => setConfirmingCancel(false)}>{t("actions.confirmCancelNo")}</s-button>
            </s-banner>
          )}
        </s-section>
      )}

      <s-section heading={t("detail.upcoming")}>
        {upcoming.length === 0 && <s-paragraph>{t("detail.noUpcoming")}</s-paragraph>}
        {upcoming.map((cycle) => (
          <s-stack key={cycle.cycleIndex} direction="inline" gap="base" alignItems="center">
            <s-text>{date(cycle.billingAttemptExpectedDate)}</s-text>
            {cycle.skipped && <s-badge>{t("detail.skipped")}</s-badge>}
            {actions.includes("skip") && (
              <s-button
                loading={busy === `skip-${cycle.cycleIndex}`}
                onClick={() =>
                  run(
                    `skip-${cycle.cycleIndex}`,
                    () => setOrderSkipped(client, id, cycle.cycleIndex, !cycle.skipped),
                    t(cycle.skipped ? "actions.orderUnskipped" : "actions.orderSkipped", { date: date(cycle.billingAttemptExpectedDate) }),
                  )
                }
              >
                {t(cycle.skipped ? "detail.unskip" : "detail.skip")}
              </s-button>
            )}
          </s-stack>
        ))}
      </s-section>

      <s-section heading={t("delivery.heading")}>
        <DeliverySummary method={subscription.deliveryMethod} t={t} />
        {actions.includes("delivery") && !editingDelivery && <s-button onClick={() => setEditingDelivery(true)}>{t("delivery.change")}</s-button>}
        {editingDelivery && (
          <DeliveryEditor
            subscription={subscription}
            client={client}
            format={{ t, money }}
            onDone={async (outcome) => {
              setEditingDelivery(false);
              if (!outcome) return;
              await run("delivery", async () => outcome, t("delivery.saved"));
            }}
          />
        )}
      </s-section>

      <s-section heading={t("payment.heading")}>
        <PaymentSummary payment={payment} t={t} />
        {actions.includes("payment-method") && (
          <s-button loading={busy === "payment-method"} onClick={sendUpdateEmail}>
            {t("payment.update")}
          </s-button>
        )}
      </s-section>

      <s-section heading={t("detail.past")}>
        {subscription.orders.nodes.length === 0 && <s-paragraph>{t("detail.noPast")}</s-paragraph>}
        {subscription.orders.nodes.map((order) => (
          <s-stack key={order.id} direction="inline" gap="base">
            <s-text>{order.name}</s-text>
            <s-text>{date(order.processedAt)}</s-text>
            <s-text>{money(order.totalPrice)}</s-text>
          </s-stack>
        ))}
      </s-section>
    </s-page>
  );
}

/** The value of the field an input or change event came from. */
const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement | null)?.value ?? "";

type Translate = (key: string, options?: Record<string, string | number>) => string;

function DeliverySummary({ method, t }: { method: SubscriptionDetail["deliveryMethod"]; t: Translate }) {
  if (!method) return <s-paragraph>{t("delivery.none")}</s-paragraph>;
  if (method.__typename === "SubscriptionDeliveryMethodPickup") {
    const address = method.pickupOption.pickupAddress;
    return <s-paragraph>{`${t("delivery.pickup")} ${method.pickupOption.presentmentTitle ?? method.pickupOption.title ?? ""}: ${[address.address1, address.city, address.zip].filter(Boolean).join(", ")}`}</s-paragraph>;
  }
  const address = method.address;
  const label = method.__typename === "SubscriptionDeliveryMethodShipping" ? t("delivery.shipping") : t("delivery.localDelivery");
  const option = method.__typename === "SubscriptionDeliveryMethodShipping" ? method.shippingOption : method.localDeliveryOption;
  const lines = [[address.firstName, address.lastName].filter(Boolean).join(" "), address.address1, address.address2, [address.city, address.provinceCode, address.zip].filter(Boolean).join(" "), address.countryCode];
  return <s-paragraph>{`${label}: ${lines.filter(Boolean).join(", ")} (${option.presentmentTitle ?? option.title ?? ""})`}</s-paragraph>;
}

function PaymentSummary({ payment, t }: { payment: PaymentMethodAnswer | "unavailable" | null; t: Translate }) {
  if (payment === null) return <s-spinner accessibilityLabel={t("payment.heading")} />;
  if (payment === "unavailable") return <s-paragraph>{t("payment.unavailable")}</s-paragraph>;
  const card = payment.paymentMethod;
  if (!card) return <s-paragraph>{t("payment.none")}</s-paragraph>;
  return (
    <s-stack gap="small-200">
      <s-text>{t("payment.card", { brand: card.brand ?? "Card", lastDigits: card.lastDigits ?? "····" })}</s-text>
      {card.expiryMonth && card.expiryYear ? <s-text>{t("payment.expires", { month: card.expiryMonth, year: card.expiryYear })}</s-text> : null}
      {card.revoked ? <s-banner tone="critical">{t("payment.revoked")}</s-banner> : card.expiresSoon ? <s-banner tone="warning">{t("payment.expiresSoon")}</s-banner> : null}
    </s-stack>
  );
}

function DeliveryEditor({
  subscription,
  client,
  format: { t, money },
  onDone,
}: {
  subscription: SubscriptionDetail;
  client: CustomerClient;
  format: { t: Translate; money: (value: Money) => string };
  onDone: (outcome: ActionOutcome | null) => void;
}) {
  const [form, setForm] = useState<AddressForm>(() => addressFormFrom(subscription.deliveryMethod));
  const [errors, setErrors] = useState<Partial<Record<AddressField, string>>>({});
  const [options, setOptions] = useState<{ token: string; address: CustomerAddressInput; options: DeliveryOption[] } | null>(null);
  const [chosen, setChosen] = useState<string>("");
  const [phone, setPhone] = useState(form.phoneNumber);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const findOptions = async () => {
    const checked = addressInput(form);
    setProblem(null);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      const found = await fetchDeliveryOptions(client, subscription.id, checked.address);
      if (!found.ok) return setProblem(found.message);
      setOptions({ token: found.token, address: checked.address, options: found.options });
      setChosen(found.options[0]?.code ?? "");
    } catch (failure) {
      setProblem((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    const option = options?.options.find((candidate) => candidate.code === chosen);
    if (!options || !option) return;
    const input = deliveryMethodInput(option, options.address, phone);
    if (!input.ok) return setProblem(t("delivery.phoneRequired"));
    setBusy(true);
    try {
      onDone(await selectDeliveryMethod(client, subscription.id, options.token, input.input));
    } catch (failure) {
      setProblem((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const selected = options?.options.find((candidate) => candidate.code === chosen);
  return (
    <s-stack gap="base">
      {problem && <s-banner tone="critical">{problem}</s-banner>}
      {ADDRESS_FIELDS.map((field) => (
        <s-text-field
          key={field}
          name={field}
          label={t(`address.${field}`)}
          value={form[field]}
          error={errors[field] ? t(`address.errors.${errors[field]}`) : undefined}
          onInput={(event) => {
            setForm({ ...form, [field]: valueOf(event) });
            setOptions(null);
          }}
        />
      ))}
      {!options && (
        <s-button loading={busy} onClick={findOptions}>
          {t("delivery.findOptions")}
        </s-button>
      )}
      {options && (
        <s-select name="deliveryOption" label={t("delivery.option")} value={chosen} onChange={(event) => setChosen(valueOf(event))}>
          {options.options.map((option) => (
            <s-option key={option.code} value={option.code}>
              {t("delivery.optionLabel", { title: option.presentmentTitle ?? option.title, price: money(option.price) })}
            </s-option>
          ))}
        </s-select>
      )}
      {selected?.__typename === "SubscriptionLocalDeliveryOption" && (
        <s-text-field name="deliveryPhone" label={t("delivery.phone")} value={phone} onInput={(event) => setPhone(valueOf(event))} />
      )}
      <s-stack direction="inline" gap="base">
        {options && (
          <s-button variant="primary" loading={busy} onClick={save}>
            {t("delivery.save")}
          </s-button>
        )}
        <s-button onClick={() => onDone(null)}>{t("delivery.cancel")}</s-button>
      </s-stack>
    </s-stack>
  );
}
