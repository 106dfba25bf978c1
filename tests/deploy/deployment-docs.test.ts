/**
 * docs/deployment.md: its variable table is what the env declarations
 * generate (`npm run env:docs`), and its links, and the links to it, resolve.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEPLOYMENT_GROUPS, DEPLOYMENT_PATH, TABLE_END, TABLE_START, renderEnvTable } from "../../scripts/env-docs";
import { VARIABLES, type Declaration } from "../../app/env.server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** GitHub's anchors for a Markdown file's headings. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** Relative Markdown links of `file`: [text](target#anchor). */
function links(file: string): Array<{ target: string; anchor?: string }> {
  const text = read(file).replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, href]) => href)
    .filter((href) => !/^[a-z]+:/i.test(href))
    .map((href) => {
      const [target, anchor] = href.split("#");
      return { target: target ? path.posix.join(path.posix.dirname(file), target) : file, anchor };
    });
}

describe("docs/deployment.md", () => {
  const doc = readFileSync(DEPLOYMENT_PATH, "utf8");

  it("has the variable table the declarations generate (run `npm run env:docs`)", () => {
    const start = doc.indexOf(TABLE_START);
    const end = doc.indexOf(TABLE_END);
    expect(start, `docs/deployment.md has no ${TABLE_START} marker`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(doc.slice(start + TABLE_START.length, end)).toBe(`\n${renderEnvTable(DEPLOYMENT_GROUPS)}\n`);
  });

  it("lists every variable a deployment reads", () => {
    for (const [name, declared] of Object.entries(VARIABLES) as Array<[string, Declaration]>) {
      if (DEPLOYMENT_GROUPS.includes(declared.group)) expect(doc).toContain(`| \`${name}\` |`);
    }
  });

  it.each(["docs/deployment.md", "docs/README.md", "README.md"])("%s links only to files and headings that exist", (file) => {
    for (const { target, anchor } of links(file)) {
      expect(existsSync(path.join(ROOT, target)), `${file} links to ${target}, which does not exist`).toBe(true);
      if (anchor && target.endsWith(".md")) {
        expect([...anchors(read(target))], `${file} links to ${target}#${anchor}`).toContain(anchor);
      }
    }
  });

  it("is linked from the README's Deployment section and the docs index", () => {
    const readme = read("README.md");
    const section = readme.slice(readme.indexOf("## Deployment\n"), readme.indexOf("\n## ", readme.indexOf("## Deployment\n") + 1));
    expect(section).toContain("](docs/deployment.md)");
    expect(read("docs/README.md")).toContain("](deployment.md)");
  });
});
