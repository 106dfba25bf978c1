/** @jsxImportSource preact */
/** `purchase.thank-you.block.render`: the way to manage the subscription the order started. */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/purchase.thank-you.block.render";
import { render } from "preact";
import { accountUrl, startsSubscription } from "./thank-you";

export default async () => {
  const shopify = (globalThis as unknown as { shopify: Api }).shopify;
  const href = accountUrl(shopify.shop.storefrontUrl);
  // Orders without a subscription, and shops without a storefront URL, get no block.
  if (!href || !startsSubscription(shopify.lines.value)) return;
  const t = (key: string) => shopify.i18n.translate(key);
  render(
    <s-section heading={t("heading")}>
      <s-paragraph>{t("body")}</s-paragraph>
      <s-button href={href}>{t("manage")}</s-button>
    </s-section>,
    document.body,
  );
};
