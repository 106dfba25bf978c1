import { describe, expect, it } from "vitest";
import type { DatabaseTarget } from "./database-url.server";
import { DatabaseUrlError, redactUrl, resolveDatabase } from "./database-url.server";

const CWD = "/srv/app";

function runtime(env: Record<string, string | undefined>): DatabaseTarget {
  return resolveDatabase(env, CWD).runtime;
}

/** The DatabaseUrlError that resolving `env` throws (fails the test if it does not throw one). */
function errorOf(env: Record<string, string | undefined>): DatabaseUrlError {
  try {
    resolveDatabase(env, CWD);
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseUrlError);
    return error as DatabaseUrlError;
  }
  throw new Error(`expected resolveDatabase to throw for ${JSON.stringify(env)}`);
}

function expectProvider<P extends DatabaseTarget["provider"]>(
  target: DatabaseTarget,
  provider: P,
): Extract<DatabaseTarget, { provider: P }> {
  expect(target.provider).toBe(provider);
  return target as Extract<DatabaseTarget, { provider: P }>;
}

describe("resolveDatabase: embedded SQLite", () => {
  it.each([
    ["unset", undefined],
    ["empty", ""],
    ["blank", "   "],
  ])("uses <cwd>/prisma/dev.sqlite when DATABASE_URL is %s", (_label, value) => {
    const target = expectProvider(runtime({ DATABASE_URL: value }), "sqlite");
    expect(target.mode).toBe("file");
    expect(target.filePath).toBe("/srv/app/prisma/dev.sqlite");
    expect(target.url).toBe("file:///srv/app/prisma/dev.sqlite");
    expect(target.redactedUrl).toBe("file:///srv/app/prisma/dev.sqlite");
    expect(target.authToken).toBeUndefined();
  });

  it("uses the same target for migrations when DIRECT_URL is unset", () => {
    const { runtime: r, migrations } = resolveDatabase({}, CWD);
    expect(migrations).toEqual(r);
  });

  it.each([
    ["file:./x.sqlite", "/srv/app/x.sqlite"],
    ["file:x.sqlite", "/srv/app/x.sqlite"],
    ["file:../data/x.sqlite", "/srv/data/x.sqlite"],
    ["file:/abs/x.sqlite", "/abs/x.sqlite"],
    ["file:///abs/x.sqlite", "/abs/x.sqlite"],
    ["file:./x.sqlite?connection_limit=1", "/srv/app/x.sqlite"],
  ])("resolves %s to the absolute file %s", (url, filePath) => {
    const target = expectProvider(runtime({ DATABASE_URL: url }), "sqlite");
    expect(target.mode).toBe("file");
    expect(target.filePath).toBe(filePath);
    expect(target.url).toBe(`file://${filePath}`);
  });

  it("decodes percent-encoded file paths and re-encodes them in the URL", () => {
    const target = expectProvider(runtime({ DATABASE_URL: "file:./my%20db.sqlite" }), "sqlite");
    expect(target.filePath).toBe("/srv/app/my db.sqlite");
    expect(target.url).toBe("file:///srv/app/my%20db.sqlite");
  });

  it.each(["file:", "file:?mode=memory"])("rejects %s, which names no file", (url) => {
    const error = errorOf({ DATABASE_URL: url });
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toContain("names no file");
  });
});

describe("resolveDatabase: PostgreSQL", () => {
  it.each(["postgres", "postgresql"])("reads %s:// URLs as postgresql", (scheme) => {
    const target = expectProvider(runtime({ DATABASE_URL: `${scheme}://app:pw@db.example.com:5432/shop` }), "postgresql");
    expect(new URL(target.url).hostname).toBe("db.example.com");
    expect(new URL(target.url).pathname).toBe("/shop");
    expect(target.schema).toBeUndefined();
    expect(target.poolMax).toBe(10);
  });

  it("moves ?schema= to schema and drops it from the url", () => {
    const target = expectProvider(
      runtime({ DATABASE_URL: "postgresql://app:pw@db.example.com/shop?schema=tenant&sslmode=require" }),
      "postgresql",
    );
    expect(target.schema).toBe("tenant");
    const url = new URL(target.url);
    expect(url.searchParams.has("schema")).toBe(false);
    expect(url.searchParams.get("sslmode")).toBe("require");
  });

  it("turns connection_limit into poolMax and drops it from the url", () => {
    const target = expectProvider(
      runtime({ DATABASE_URL: "postgresql://app:pw@db.example.com/shop?connection_limit=3" }),
      "postgresql",
    );
    expect(target.poolMax).toBe(3);
    expect(new URL(target.url).searchParams.has("connection_limit")).toBe(false);
  });

  it("drops Prisma's pgbouncer and pool_timeout parameters", () => {
    const target = expectProvider(
      runtime({ DATABASE_URL: "postgresql://app:pw@db.example.com/shop?pgbouncer=true&pool_timeout=5" }),
      "postgresql",
    );
    const url = new URL(target.url);
    expect(url.searchParams.has("pgbouncer")).toBe(false);
    expect(url.searchParams.has("pool_timeout")).toBe(false);
  });

  it("keeps the credentials in url but redacts them in redactedUrl", () => {
    const target = runtime({ DATABASE_URL: "postgresql://app:s3cret@db.example.com/shop" });
    expect(new URL(target.url).password).toBe("s3cret");
    expect(target.redactedUrl).not.toContain("s3cret");
    expect(target.redactedUrl).toBe("postgresql://app:***@db.example.com/shop");
  });

  it("rejects a URL that names no database", () => {
    const error = errorOf({ DATABASE_URL: "postgresql://app:s3cret@db.example.com:5432" });
    expect(error.message).toContain("names no database");
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).not.toContain("s3cret");
  });

  it("rejects a URL with a trailing slash but no database name", () => {
    expect(errorOf({ DATABASE_URL: "postgres://app@db.example.com/" }).message).toContain("names no database");
  });
});

describe("resolveDatabase: pool size", () => {
  const PG = "postgresql://app:pw@db.example.com/shop";
  const MYSQL = "mysql://app:pw@db.example.com/shop";

  it.each([PG, MYSQL])("defaults to 10 connections for %s", (url) => {
    expect(runtime({ DATABASE_URL: url })).toMatchObject({ poolMax: 10 });
  });

  it.each([
    ["VERCEL=1", { VERCEL: "1" }],
    ["AWS_LAMBDA_FUNCTION_NAME", { AWS_LAMBDA_FUNCTION_NAME: "app-handler" }],
    ["NETLIFY", { NETLIFY: "true" }],
  ])("defaults to 1 connection on serverless (%s)", (_label, extra) => {
    expect(runtime({ DATABASE_URL: PG, ...extra })).toMatchObject({ poolMax: 1 });
    expect(runtime({ DATABASE_URL: MYSQL, ...extra })).toMatchObject({ poolMax: 1 });
  });

  it("lets DATABASE_POOL_MAX override the default, the serverless default and connection_limit", () => {
    expect(runtime({ DATABASE_URL: PG, DATABASE_POOL_MAX: "25" })).toMatchObject({ poolMax: 25 });
    expect(runtime({ DATABASE_URL: PG, DATABASE_POOL_MAX: "4", VERCEL: "1" })).toMatchObject({ poolMax: 4 });
    expect(
      runtime({ DATABASE_URL: `${PG}?connection_limit=3`, DATABASE_POOL_MAX: "7" }),
    ).toMatchObject({ poolMax: 7 });
  });

  it("lets connection_limit override the serverless default", () => {
    expect(runtime({ DATABASE_URL: `${PG}?connection_limit=3`, VERCEL: "1" })).toMatchObject({ poolMax: 3 });
  });

  it("treats an empty DATABASE_POOL_MAX as unset", () => {
    expect(runtime({ DATABASE_URL: PG, DATABASE_POOL_MAX: "" })).toMatchObject({ poolMax: 10 });
  });

  it.each(["0", "abc", "2.5", "-1", "1001"])("rejects DATABASE_POOL_MAX=%s", (value) => {
    const error = errorOf({ DATABASE_URL: PG, DATABASE_POOL_MAX: value });
    expect(error.message).toContain("DATABASE_POOL_MAX");
    expect(error.message).toContain(`"${value}"`);
  });

  it("rejects an invalid connection_limit, naming it", () => {
    const error = errorOf({ DATABASE_URL: `${PG}?connection_limit=zero` });
    expect(error.message).toContain("connection_limit");
    expect(error.message).toContain('"zero"');
  });
});

describe("resolveDatabase: MySQL and MariaDB", () => {
  it.each(["mysql", "mariadb"])("reads %s:// URLs as mysql with the mysql: protocol", (scheme) => {
    const target = expectProvider(runtime({ DATABASE_URL: `${scheme}://app:pw@db.example.com:3306/shop` }), "mysql");
    const url = new URL(target.url);
    expect(url.protocol).toBe("mysql:");
    expect(url.hostname).toBe("db.example.com");
    expect(url.port).toBe("3306");
    expect(url.pathname).toBe("/shop");
    expect(target.poolMax).toBe(10);
  });

  it("turns connection_limit into poolMax and drops it from the url", () => {
    const target = expectProvider(
      runtime({ DATABASE_URL: "mysql://app:pw@db.example.com/shop?connection_limit=3&ssl=true" }),
      "mysql",
    );
    expect(target.poolMax).toBe(3);
    const url = new URL(target.url);
    expect(url.searchParams.has("connection_limit")).toBe(false);
    expect(url.searchParams.get("ssl")).toBe("true");
  });

  it("rejects a URL that names no database", () => {
    const error = errorOf({ DATABASE_URL: "mariadb://app:s3cret@db.example.com" });
    expect(error.message).toContain("names no database");
    expect(error.message).not.toContain("s3cret");
  });
});

describe("resolveDatabase: Turso / libSQL", () => {
  it("requires TURSO_AUTH_TOKEN", () => {
    const error = errorOf({ DATABASE_URL: "libsql://db.turso.io" });
    expect(error.message).toContain("TURSO_AUTH_TOKEN");
  });

  it("is sqlite in remote mode with the token from TURSO_AUTH_TOKEN", () => {
    const target = expectProvider(
      runtime({ DATABASE_URL: "libsql://db.turso.io", TURSO_AUTH_TOKEN: "tok-123" }),
      "sqlite",
    );
    expect(target.mode).toBe("remote");
    expect(target.authToken).toBe("tok-123");
    expect(new URL(target.url).hostname).toBe("db.turso.io");
    expect(new URL(target.url).protocol).toBe("libsql:");
    expect(target.filePath).toBeUndefined();
  });

  it("accepts an authToken URL parameter, removing it from url and redacting it", () => {
    const target = expectProvider(runtime({ DATABASE_URL: "libsql://db.turso.io?authToken=s3cret" }), "sqlite");
    expect(target.mode).toBe("remote");
    expect(target.authToken).toBe("s3cret");
    expect(target.url).not.toContain("s3cret");
    expect(target.redactedUrl).not.toContain("s3cret");
  });
});

describe("resolveDatabase: bad values", () => {
  it("rejects an unsupported protocol, naming it and listing the supported ones", () => {
    const error = errorOf({ DATABASE_URL: "mongodb://app:s3cret@db.example.com/shop" });
    expect(error.message).toContain('"mongodb:"');
    for (const supported of ["file:", "postgres://", "postgresql://", "mysql://", "libsql://"]) {
      expect(error.message).toContain(supported);
    }
    expect(error.message).not.toContain("s3cret");
  });

  it("rejects a value that is not a URL, naming DATABASE_URL", () => {
    const error = errorOf({ DATABASE_URL: "not a url" });
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toContain("not a valid URL");
  });

  it.each([
    ["an unparseable port", "postgresql://app:s3cret@db.example.com:notaport/shop"],
    ["an unencoded / in the password", "postgresql://app:s3cret/x@db.example.com/shop"],
    ["no database", "postgresql://app:s3cret@db.example.com"],
    ["an unsupported protocol", "redis://app:s3cret@db.example.com/0"],
  ])("never shows the password in the error for %s", (_label, url) => {
    const error = errorOf({ DATABASE_URL: url });
    expect(error.message).not.toContain("s3cret");
  });
});

describe("resolveDatabase: DIRECT_URL", () => {
  it("uses DIRECT_URL for migrations and DATABASE_URL at runtime", () => {
    const { runtime: r, migrations } = resolveDatabase(
      {
        DATABASE_URL: "postgresql://app:pw@pooler.example.com:6543/shop?pgbouncer=true",
        DIRECT_URL: "postgresql://app:pw@db.example.com:5432/shop",
      },
      CWD,
    );
    expect(r.provider).toBe("postgresql");
    expect(migrations.provider).toBe("postgresql");
    expect(new URL(r.url).host).toBe("pooler.example.com:6543");
    expect(new URL(migrations.url).host).toBe("db.example.com:5432");
  });

  it("ignores a blank DIRECT_URL", () => {
    const { runtime: r, migrations } = resolveDatabase(
      { DATABASE_URL: "postgresql://app:pw@db.example.com/shop", DIRECT_URL: "  " },
      CWD,
    );
    expect(migrations).toEqual(r);
  });

  it("rejects a DIRECT_URL of another provider, naming both variables", () => {
    const error = errorOf({
      DATABASE_URL: "postgresql://app:pw@db.example.com/shop",
      DIRECT_URL: "mysql://app:pw@db.example.com/shop",
    });
    expect(error.message).toContain("DIRECT_URL");
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toContain("mysql");
    expect(error.message).toContain("postgresql");
  });

  it("rejects a DIRECT_URL of another provider than the default SQLite file", () => {
    const error = errorOf({ DIRECT_URL: "postgresql://app:pw@db.example.com/shop" });
    expect(error.message).toContain("DIRECT_URL");
    expect(error.message).toContain("DATABASE_URL");
  });

  it("names DIRECT_URL when DIRECT_URL itself is invalid", () => {
    const error = errorOf({
      DATABASE_URL: "postgresql://app:pw@db.example.com/shop",
      DIRECT_URL: "postgresql://app:s3cret@db.example.com",
    });
    expect(error.message).toContain("DIRECT_URL");
    expect(error.message).toContain("names no database");
    expect(error.message).not.toContain("s3cret");
  });
});

describe("redactUrl", () => {
  it.each([
    ["postgresql://app:s3cret@db.example.com/shop", "postgresql://app:***@db.example.com/shop"],
    ["mysql://root:s3cret@localhost:3306/shop", "mysql://root:***@localhost:3306/shop"],
    ["libsql://db.turso.io?authToken=s3cret", "libsql://db.turso.io?authToken=***"],
    ["libsql://db.turso.io?authtoken=s3cret", "libsql://db.turso.io?authtoken=***"],
    ["postgresql://db.example.com/shop?password=s3cret", "postgresql://db.example.com/shop?password=***"],
  ])("redacts %s", (raw, expected) => {
    const redacted = redactUrl(raw);
    expect(redacted).toBe(expected);
    expect(redacted).not.toContain("s3cret");
  });

  it("leaves URLs without a password as they are", () => {
    expect(redactUrl("postgresql://app@db.example.com/shop")).toBe("postgresql://app@db.example.com/shop");
    expect(redactUrl("file:///srv/app/prisma/dev.sqlite")).toBe("file:///srv/app/prisma/dev.sqlite");
  });

  it("redacts the password of a URL that does not parse", () => {
    const redacted = redactUrl("postgresql://app:s3cret@db.example.com:notaport/shop");
    expect(redacted).toBe("postgresql://app:***@db.example.com:notaport/shop");
  });

  it("returns a non-URL without credentials unchanged", () => {
    expect(redactUrl("not a url")).toBe("not a url");
  });
});
