/** What dunning does when the retries run out (kept apart from the zod form schema so pages can import it without zod). */
export const FINAL_ACTIONS = ["cancel", "pause", "skip"] as const;
export type FinalAction = (typeof FINAL_ACTIONS)[number];
