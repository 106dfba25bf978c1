/** @jsxImportSource preact */
/**
 * The two views: the order action menu's button (its root must be one
 * button with an href) and the order status page's block. Each renders
 * nothing until it knows the order has a running subscription, and nothing
 * if it has none or the lookup fails: an order page never shows a broken link.
 */
import { useEffect, useState } from "preact/hooks";
import type { CustomerClient } from "../../customer-account-subscriptions/src/customer-client";
import { orderPortalLink } from "./order-subscriptions";

export interface OrderLinksApi {
  orderId: string;
  i18n: { translate: (key: string) => string };
}

function useOrderLink(client: CustomerClient, orderId: string) {
  const [link, setLink] = useState<Awaited<ReturnType<typeof orderPortalLink>>>(null);
  useEffect(() => {
    orderPortalLink(client, orderId).then(setLink, () => setLink(null));
  }, [client, orderId]);
  return link;
}

export function ManageSubscriptionButton({ api, client }: { api: OrderLinksApi; client: CustomerClient }) {
  const link = useOrderLink(client, api.orderId);
  if (!link) return null;
  return <s-button href={link.href}>{api.i18n.translate(link.several ? "manageAll" : "manage")}</s-button>;
}

export function SubscriptionBlock({ api, client }: { api: OrderLinksApi; client: CustomerClient }) {
  const link = useOrderLink(client, api.orderId);
  if (!link) return null;
  return (
    <s-section heading={api.i18n.translate("heading")}>
      <s-paragraph>{api.i18n.translate("body")}</s-paragraph>
      <s-button href={link.href}>{api.i18n.translate(link.several ? "manageAll" : "manage")}</s-button>
    </s-section>
  );
}
