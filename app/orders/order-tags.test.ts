import { describe, expect, it } from "vitest";
import { tagsFor } from "./order-tags";

describe("tagsFor", () => {
  it.each([
    ["first", ["Subscription", "Subscription First Order"]],
    ["recurring", ["Subscription", "Subscription Recurring Order"]],
    ["something-newer", ["Subscription"]],
  ])("tags a %s order with %j", (kind, tags) => expect(tagsFor(kind)).toEqual(tags));
});
