/**
 * Sessions of the desk: a random id in an HttpOnly, SameSite=Strict cookie, and per session a CSRF
 * token that every form and upload must send back. Without a password every visitor gets a session
 * (the desk listens on this computer only); with one, a session is made only by a correct login.
 * Failed logins are limited per client address.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface Session {
  id: string;
  csrf: string;
  reviewer: string;
  signedIn: boolean;
  expires: number;
}

export const sessionCookie = 'review_desk_session';
const sessionMs = 12 * 60 * 60_000;

function token(): string {
  return randomBytes(24).toString('base64url');
}

export class Sessions {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.#sessions.get(id);
    if (!session) return null;
    if (session.expires < this.#now()) {
      this.#sessions.delete(id);
      return null;
    }
    return session;
  }

  create(reviewer: string, signedIn: boolean): Session {
    const session = { id: token(), csrf: token(), reviewer, signedIn, expires: this.#now() + sessionMs };
    this.#sessions.set(session.id, session);
    return session;
  }

  end(id: string): void {
    this.#sessions.delete(id);
  }
}

export function csrfMatches(session: Session | null, given: unknown): boolean {
  if (!session || typeof given !== 'string' || given.length === 0) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** At most `limit` failed logins per address in `windowMs`; a correct login clears the address's count. */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: { limit?: number; windowMs?: number; now?: () => number } = {}) {
    this.#limit = options.limit ?? 5;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  #recent(address: string): number[] {
    const since = this.#now() - this.#windowMs;
    const recent = (this.#failures.get(address) ?? []).filter((at) => at > since);
    this.#failures.set(address, recent);
    return recent;
  }

  blocked(address: string): boolean {
    return this.#recent(address).length >= this.#limit;
  }

  failed(address: string): void {
    this.#recent(address).push(this.#now());
  }

  succeeded(address: string): void {
    this.#failures.delete(address);
  }
}
