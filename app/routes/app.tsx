import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { readEnv } from "../env.server";
import { missingScopes } from "../shopify/required-scopes";
import { authenticateAdmin } from "../shopify/admin-page.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

// Read once: app/shopify/shopify.server has already validated the environment at boot.
const { SHOPIFY_API_KEY } = readEnv();

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, scopes } = await authenticateAdmin(request);
  // A shop installed before the app needed a scope (or that declined one) is sent to Shopify's grant
  // screen rather than meeting access errors on a page. Shopify is asked only when the session lacks one.
  const missing = missingScopes(session.scope);
  if (missing.length > 0) await scopes.request(missing);
  return { apiKey: SHOPIFY_API_KEY };
};

export default function App() {
  const { apiKey } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <NavMenu>
        <Link to="/app" rel="home">
          Dashboard
        </Link>
        <Link to="/app/contracts">Contracts</Link>
        <Link to="/app/plans">Plans</Link>
        <Link to="/app/settings">Settings</Link>
        <Link to="/app/dunning">Dunning</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses, so that their headers are included in the response.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
