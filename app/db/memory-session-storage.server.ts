import { Session } from "@shopify/shopify-api";
import { MemorySessionStorage } from "@shopify/shopify-app-session-storage-memory";

const SESSIONS_PER_SHOP = 25;

/**
 * Memory storage that answers like the Prisma storage: it keeps copies (so a
 * caller mutating a session does not change what is stored) and returns at
 * most 25 sessions of a shop, latest expiry first. Switching
 * SESSION_STORAGE between the two changes where sessions live, not what the
 * app sees.
 */
export class AppMemorySessionStorage extends MemorySessionStorage {
  override async storeSession(session: Session): Promise<boolean> {
    return super.storeSession(copy(session));
  }

  override async loadSession(id: string): Promise<Session | undefined> {
    const session = await super.loadSession(id);
    return session && copy(session);
  }

  override async findSessionsByShop(shop: string): Promise<Session[]> {
    const sessions = await super.findSessionsByShop(shop);
    return sessions
      .sort((a, b) => (b.expires?.getTime() ?? -Infinity) - (a.expires?.getTime() ?? -Infinity))
      .slice(0, SESSIONS_PER_SHOP)
      .map(copy);
  }
}

// Through the flat property array, so no Date or user object is shared.
function copy(session: Session): Session {
  return Session.fromPropertyArray(session.toPropertyArray(true), true);
}
