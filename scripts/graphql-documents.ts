/**
 * Finds the GraphQL documents of a project (graphql.config.ts): every
 * `#graphql` template string in its files, plucked the way Shopify's codegen
 * preset does, with the file and line it starts on.
 */
import { globSync, readFileSync } from "node:fs";
import { gqlPluckFromCodeStringSync } from "@graphql-tools/graphql-tag-pluck";
import { pluckConfig } from "@shopify/graphql-codegen";
import type { GraphqlProject } from "../graphql.config";

export interface FoundDocument {
  file: string;
  /** 1-based line of the file where the document's text starts. */
  line: number;
  /** The document's text. */
  source: string;
  /** As plucked: the template's exact text plus Shopify's `#VAR_NAME=` marker, which keys the generated operation map. */
  raw: string;
}

export function projectFiles(globs: string[], exclude: string[]): string[] {
  const files = new Set<string>();
  for (const glob of globs) for (const file of globSync(glob, { exclude })) files.add(file.split("\\").join("/"));
  return [...files].sort();
}

export function documentsIn(file: string): FoundDocument[] {
  const code = readFileSync(file, "utf8");
  if (!code.includes("#graphql")) return [];
  return gqlPluckFromCodeStringSync(file, code, { ...pluckConfig, skipIndent: true }).map((source) => ({
    file,
    line: source.locationOffset?.line ?? 1,
    // Shopify's pluck marks the variable name at the end; it is not GraphQL.
    source: source.body.replace(/#VAR_NAME=\w+$/, ""),
    raw: source.body,
  }));
}

export function projectDocuments(project: GraphqlProject, { includeChecked = false } = {}): FoundDocument[] {
  const globs = includeChecked ? [...project.documents, ...project.checkedOnly] : project.documents;
  return projectFiles(globs, project.exclude).flatMap(documentsIn);
}
