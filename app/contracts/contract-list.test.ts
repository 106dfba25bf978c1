import { describe, expect, it } from "vitest";
import { contractsQuery, idsQuery, listUrl, MAX_IDS_PER_QUERY, parseListParams } from "./contract-list";

const gid = (n: number) => `gid://shopify/SubscriptionContract/${n}`;

describe("contractsQuery", () => {
  it.each([
    ["all", undefined, ""],
    ["active", undefined, "status:ACTIVE"],
    ["paused", undefined, "status:PAUSED"],
    ["cancelled", undefined, "status:CANCELLED OR status:EXPIRED"],
    ["failed", undefined, "status:FAILED"],
    ["dunning", [gid(1), gid(22)], "id:1 OR id:22"],
    ["dunning", [], null],
    ["all", [], null],
    ["active", [gid(7)], "(status:ACTIVE) AND (id:7)"],
    ["cancelled", [gid(7), gid(8)], "(status:CANCELLED OR status:EXPIRED) AND (id:7 OR id:8)"],
  ] as const)("tab %s with ids %j → %j", (tab, ids, expected) => expect(contractsQuery(tab, ids)).toBe(expected));

  it("caps the ids in one query", () => {
    const ids = Array.from({ length: MAX_IDS_PER_QUERY + 10 }, (_, i) => gid(i + 1));
    expect(idsQuery(ids).split(" OR ")).toHaveLength(MAX_IDS_PER_QUERY);
  });
});

describe("parseListParams", () => {
  it.each([
    ["", { tab: "all", sort: "newest", search: "", after: null, before: null }],
    ["tab=paused&sort=oldest&q=%20ada%20", { tab: "paused", sort: "oldest", search: "ada", after: null, before: null }],
    ["tab=nope&sort=sideways&after=abc", { tab: "all", sort: "newest", search: "", after: "abc", before: null }],
  ])("%j", (query, expected) => expect(parseListParams(new URLSearchParams(query))).toEqual(expected));

  it("bounds the search text", () => expect(parseListParams(new URLSearchParams(`q=${"x".repeat(500)}`)).search).toHaveLength(100));
});

describe("listUrl", () => {
  const params = parseListParams(new URLSearchParams("tab=active&q=ada&after=c1"));
  it.each([
    [{ tab: "all" as const }, "/app/contracts?q=ada"],
    [{ sort: "oldest" as const }, "/app/contracts?tab=active&sort=oldest&q=ada"],
    [{ before: "c0" }, "/app/contracts?tab=active&q=ada&before=c0"],
  ])("%j → %s", (change, url) => expect(listUrl(params, change)).toBe(url));
});
