/** Prisma's code for a unique-constraint violation. */
export const UNIQUE_VIOLATION = "P2002";

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === UNIQUE_VIOLATION;
}

/**
 * Runs an upsert once more when a concurrent writer inserted the same key
 * first. Prisma upserts atomically on PostgreSQL and SQLite, but on MySQL it
 * reads, then inserts, so two callers can both decide to insert.
 */
export async function retryOnUniqueViolation<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return upsert();
  }
}
