import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAdmin } from "../shopify/admin-page.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticateAdmin(request);
  return null;
};
