import { readdirSync } from "node:fs";
import path from "node:path";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";

const DIR = import.meta.dirname;
const files = readdirSync(DIR).filter((file) => /(Query|Mutation)\.ts$/.test(file));

describe("GraphQL documents in app/graphql", () => {
  it("exist", () => expect(files.length).toBeGreaterThan(0));

  it.each(files)("%s holds one operation, named after the file", async (file) => {
    const module = (await import(path.join(DIR, file))) as Record<string, unknown>;
    const documents = Object.values(module).filter((value): value is string => typeof value === "string" && value.includes("#graphql"));
    expect(documents).toHaveLength(1);
    const operations = parse(documents[0]).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    expect(operations).toHaveLength(1);
    const [, name, kind] = /^(\w+?)(Query|Mutation)\.ts$/.exec(file)!;
    expect(operations[0].name?.value).toBe(name);
    expect(operations[0].operation).toBe(kind === "Query" ? "query" : "mutation");
  });
});
