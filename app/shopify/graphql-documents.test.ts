/**
 * Every GraphQL document in the repository against Shopify's pinned schemas
 * (graphql.config.ts): app and extension operations, and the documents of
 * the simulator, tests, demo and benchmarks. Also: the generated types are
 * up to date, and the app's document modules hold one named operation each.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { GRAPHQL_PROJECTS, type Api } from "../../graphql.config";
import { generate } from "../../scripts/graphql-codegen";
import { documentsIn, projectDocuments, projectFiles } from "../../scripts/graphql-documents";
import { checkDocument, formatProblem, loadSchemaFile } from "../../scripts/graphql-validate";

const APIS = Object.keys(GRAPHQL_PROJECTS) as Api[];

describe.each(APIS)("%s API documents", (api) => {
  const project = GRAPHQL_PROJECTS[api];
  const documents = projectDocuments(project, { includeChecked: true });

  it("validate against the pinned schema, without deprecated fields", () => {
    const schema = loadSchemaFile(project.schema);
    const problems = documents.flatMap((document) => checkDocument(schema, document)).map(formatProblem);
    expect(problems, `invalid documents:\n${problems.join("\n")}`).toEqual([]);
  });

  it("have up-to-date generated types (npm run graphql:codegen)", async () => {
    const generated = await generate(api);
    const committed = (() => {
      try {
        return readFileSync(project.generated, "utf8");
      } catch {
        return null;
      }
    })();
    expect(committed === generated, `${project.generated} is stale: run npm run graphql:codegen`).toBe(true);
  });
});

describe("the app's Admin API documents", () => {
  const documents = projectDocuments(GRAPHQL_PROJECTS.admin);

  it("are found (the scan sees the app's operations)", () => {
    const names = documents.map((document) => /(?:query|mutation)\s+(\w+)/.exec(document.source)?.[1]);
    expect(names).toEqual(expect.arrayContaining(["ShopTimezone", "SubscriptionBillingCycleBulkCharge", "SubscriptionContractWithBillingCycle"]));
  });

  const modules = projectFiles(["app/**/graphql/*.ts"], []);
  it.each(modules)("%s holds one operation, named after the file", (file) => {
    const found = documentsIn(file);
    expect(found).toHaveLength(1);
    const operations = parse(found[0].source).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    expect(operations).toHaveLength(1);
    const [, name, kind] = /^(\w+?)(Query|Mutation)\.ts$/.exec(path.basename(file)) ?? [];
    expect(operations[0].name?.value).toBe(name);
    expect(operations[0].operation).toBe(kind === "Query" ? "query" : "mutation");
  });
});

describe("the check itself", () => {
  const admin = loadSchemaFile(GRAPHQL_PROJECTS.admin.schema);
  const customer = loadSchemaFile(GRAPHQL_PROJECTS.customer.schema);
  const document = (source: string) => ({ file: "example.ts", line: 10, source });

  it.each([
    ["a misspelt field", "query A {\n  shop {\n    ianaTimezon\n  }\n}", 12, /Cannot query field "ianaTimezon" on type "Shop"/],
    ["a wrong argument type", 'query A {\n  subscriptionBillingCycle(billingCycleInput: { contractId: "gid://shopify/SubscriptionContract/1", selector: { index: "first" } }) {\n    cycleIndex\n  }\n}', 11, /Int cannot represent non-integer value: "first"/],
    ["a wrong variable type", "query A($index: String!) {\n  subscriptionBillingCycle(billingCycleInput: { contractId: \"gid://shopify/SubscriptionContract/1\", selector: { index: $index } }) {\n    cycleIndex\n  }\n}", 10, /Variable "\$index" of type "String!" used in position expecting type "Int"/],
    ["a field removed from this version (Shop.draftOrders, gone since 2025-10)", "query A {\n  shop {\n    draftOrders(first: 1) {\n      nodes {\n        id\n      }\n    }\n  }\n}", 12, /Cannot query field "draftOrders" on type "Shop"/],
    ["an unknown argument", "query A {\n  shop(id: 1) {\n    id\n  }\n}", 11, /Unknown argument "id"/],
  ])("rejects %s, naming the line", (_case, source, line, message) => {
    const problems = checkDocument(admin, document(source));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: "example.ts", line, deprecated: false });
    expect(problems[0].message).toMatch(message);
  });

  it("reports a deprecated field (the billing attempt's `ready`, replaced by `state` in 2026-04)", () => {
    const problems = checkDocument(admin, document('query A {\n  subscriptionBillingAttempt(id: "1") {\n    ready\n  }\n}'));
    expect(problems).toEqual([expect.objectContaining({ line: 12, deprecated: true, message: expect.stringMatching(/ready.*deprecated.*state/) })]);
  });

  it("tells the two APIs apart: a Customer Account query is not an Admin one", () => {
    const source = "query A {\n  customer {\n    emailAddress {\n      emailAddress\n    }\n  }\n}";
    expect(checkDocument(customer, document(source))).toEqual([]);
    expect(checkDocument(admin, document(source)).length).toBeGreaterThan(0);
  });
});
