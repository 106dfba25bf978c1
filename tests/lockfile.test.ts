/**
 * package-lock.json must install everywhere with `npm ci`: npm refuses a lock
 * in which a package's optional dependency is missing ("Missing: X from lock
 * file"), and that is what happens when a package with per-platform binaries
 * (rollup, esbuild, libsql, ...) is locked at a version whose platform
 * packages the registry does not all have: the lock then holds only the
 * machine's own. See docs/decisions/014-lockfile-for-every-platform.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  version?: string;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as { packages: Record<string, LockEntry> };
const entries = Object.entries(lock.packages);

/** Where npm finds `name` from the package at `path`: its own node_modules, then each ancestor's. */
function resolve(path: string, name: string): LockEntry | undefined {
  let base = path;
  for (;;) {
    const found = lock.packages[`${base ? `${base}/` : ""}node_modules/${name}`];
    if (found) return found;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

/** The developer and deploy platforms the template supports: macOS, Windows, Linux on glibc and musl (Alpine). */
const PLATFORMS = [
  { os: "darwin", cpu: "arm64" },
  { os: "darwin", cpu: "x64" },
  { os: "win32", cpu: "x64" },
  { os: "linux", cpu: "x64", libc: "glibc" },
  { os: "linux", cpu: "arm64", libc: "glibc" },
  { os: "linux", cpu: "x64", libc: "musl" },
  { os: "linux", cpu: "arm64", libc: "musl" },
] as const;

/** A native package's C library: its `libc` field, or (libsql declares none) its name's -gnu / -musl. */
const libcOf = (name: string, entry: LockEntry) => entry.libc ?? (/-musl/.test(name) ? ["musl"] : /-gnu/.test(name) ? ["glibc"] : undefined);

const fits = (name: string, entry: LockEntry, platform: (typeof PLATFORMS)[number]) => {
  const libc = libcOf(name, entry);
  return (!entry.os || entry.os.includes(platform.os)) && (!entry.cpu || entry.cpu.includes(platform.cpu)) && (!libc || !("libc" in platform) || libc.includes(platform.libc));
};

describe("package-lock.json", () => {
  it("holds every optional dependency of every locked package (npm ci refuses the lock otherwise)", () => {
    const missing: string[] = [];
    for (const [path, entry] of entries) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolve(path, name)) missing.push(`${path || "(root)"} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  // The packages whose binaries the build and the server load; each must have a build for every platform.
  it.each(["rollup", "esbuild", "libsql"])("locks a native build of %s for macOS, Windows and Linux (glibc and musl)", (name) => {
    const copies = entries.filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
    expect(copies.length).toBeGreaterThan(0);
    for (const [path, entry] of copies) {
      const natives = Object.keys(entry.optionalDependencies ?? {})
        .map((dependency) => [dependency, resolve(path, dependency)] as const)
        .filter((candidate): candidate is readonly [string, LockEntry] => Boolean(candidate[1]?.os));
      const uncovered = PLATFORMS.filter((platform) => !natives.some(([native, locked]) => fits(native, locked, platform)));
      expect({ path, version: entry.version, uncovered }).toEqual({ path, version: entry.version, uncovered: [] });
    }
  });
});
