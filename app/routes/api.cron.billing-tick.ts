import type { LoaderFunctionArgs } from "@remix-run/node";
import { cronTick } from "../scheduler/cron.server";

export const loader = ({ request }: LoaderFunctionArgs) => cronTick(request);
export const action = loader;
