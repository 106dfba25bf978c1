import { readSessionEnv } from "../env.server";
import { assertDatabaseReady, createSessionStorage, resolveSessionStorageKind } from "./database.server";
import { database, prisma, remember } from "./prisma.server";

// Boot stops here, naming `npm run setup`, when the tables are missing.
await assertDatabaseReady(prisma, database);

export const sessionStorage = remember("sessionStorage", () =>
  createSessionStorage(resolveSessionStorageKind(readSessionEnv()), prisma),
);

export { prisma };
export default prisma;
