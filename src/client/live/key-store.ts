import { SESSION_ITEM, warn } from './live-log.ts';
import { newKeyPair } from './protocol.ts';
import type { FollowTicket } from './ticket.ts';

/** The presenter's live session in this tab: its ticket in sessionStorage, its private key in IndexedDB. */
export interface StoredSession {
  ticket: FollowTicket;
  privateKey: CryptoKey;
}

/** Said on the overlay when the browser will not store the session (IndexedDB refused, a private window). */
export const UNKEPT_SESSION =
  'This browser would not store the session: do not reload this tab, or followers will need a new link.';

const DATABASE = 'deck-live';
const STORE = 'keys';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB would not open'));
  });
}

async function keyRequest<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = use(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

/**
 * Keeps the session for a reload of the same tab. The private key is stored as the non-extractable
 * `CryptoKey` itself: the browser can sign with it again, nobody can read it out.
 */
export async function saveSession({ ticket, privateKey }: StoredSession): Promise<void> {
  await keyRequest('readwrite', (store) => store.put(privateKey, ticket.session));
  sessionStorage.setItem(SESSION_ITEM, JSON.stringify(ticket));
}

/** This tab's session, if it went live before a reload. */
export async function loadSession(): Promise<StoredSession | undefined> {
  const saved = sessionStorage.getItem(SESSION_ITEM);
  if (!saved) return undefined;
  const ticket = JSON.parse(saved) as FollowTicket;
  const privateKey = await keyRequest(
    'readonly',
    (store) => store.get(ticket.session) as IDBRequest<CryptoKey | undefined>,
  );
  return privateKey ? { ticket, privateKey } : undefined;
}

/** The phone remote's own key pair: it signs the phone's commands; the deck knows only the public one. */
export interface PhoneKeys {
  privateKey: CryptoKey;
  publicKey: string;
}

/**
 * This phone's key pair for a pairing: the one it made before a reload, or a new one (kept, as the
 * presenter's is, as a non-extractable key). A phone whose browser will not keep it makes a new one
 * after a reload, and the deck, bound to the old one, has to pair again.
 */
export async function phoneKeys(pairingId: string): Promise<PhoneKeys> {
  const name = `phone:${pairingId}`;
  const saved = await keyRequest('readonly', (store) => store.get(name) as IDBRequest<PhoneKeys | undefined>).catch(
    () => undefined,
  );
  if (saved) return saved;
  const made = await newKeyPair();
  await keyRequest('readwrite', (store) => store.put(made, name)).catch((error: unknown) =>
    warn(`this phone cannot keep its remote key for a reload (${String(error)})`),
  );
  return made;
}
