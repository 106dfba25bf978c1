/**
 * Checks GraphQL documents against the pinned schema with graphql-js's
 * validation rules, plus its rule against deprecated fields and enum values:
 * each problem names the file, the line in that file, and the message
 * (which names the field or argument).
 */
import { readFileSync } from "node:fs";
import { buildASTSchema, NoDeprecatedCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from "graphql";
import type { FoundDocument } from "./graphql-documents";

const documents = new Map<string, DocumentNode>();
const schemas = new Map<string, GraphQLSchema>();

/** A schema file's SDL, parsed once per process (codegen takes it as a document). */
export function loadSchemaDocument(file: string): DocumentNode {
  let document = documents.get(file);
  if (!document) documents.set(file, (document = parse(readFileSync(file, "utf8"))));
  return document;
}

/** A schema file, built once per process from its parsed SDL. */
export function loadSchemaFile(file: string): GraphQLSchema {
  let schema = schemas.get(file);
  if (!schema) schemas.set(file, (schema = buildASTSchema(loadSchemaDocument(file))));
  return schema;
}

export interface DocumentProblem {
  file: string;
  line: number;
  message: string;
  deprecated: boolean;
}

export function checkDocument(schema: GraphQLSchema, document: Pick<FoundDocument, "file" | "line" | "source">): DocumentProblem[] {
  const at = (error: GraphQLError) => document.line + (error.locations?.[0]?.line ?? 1) - 1;
  let parsed;
  try {
    parsed = parse(document.source);
  } catch (error) {
    return [{ file: document.file, line: at(error as GraphQLError), message: (error as Error).message, deprecated: false }];
  }
  const invalid = validate(schema, parsed, specifiedRules).map((error) => ({ file: document.file, line: at(error), message: error.message, deprecated: false }));
  const deprecated = validate(schema, parsed, [NoDeprecatedCustomRule]).map((error) => ({ file: document.file, line: at(error), message: error.message, deprecated: true }));
  return [...invalid, ...deprecated];
}

export function formatProblem(problem: DocumentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.deprecated ? "deprecated: " : ""}${problem.message}`;
}
