import pino from "pino";
import { readLogEnv } from "./env.server";

/** Structured JSON logs; LOG_LEVEL=debug for more, silent in tests. */
export const logger = pino({ level: readLogEnv().LOG_LEVEL });
