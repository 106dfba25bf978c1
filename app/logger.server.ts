import pino from "pino";

/** Structured JSON logs; LOG_LEVEL=debug for more, silent in tests. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
