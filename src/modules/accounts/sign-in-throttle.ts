import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { RateLimited } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import * as q from './accounts.queries.js';

/**
 * The sign-in throttle, failures counted over a quarter of an hour (see CONTEXT.md). No limit
 * locks the account itself: a stranger's guesses fill buckets keyed by the stranger's address, and
 * the account-wide bucket binds only browsers the member never signed in on.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const signInLimits = Object.freeze({
  /** One account from one address (the owner elsewhere is unaffected). */
  accountFromAddress: 5,
  /** One address over all accounts (spraying). */
  address: 20,
  /** One account from browsers it was never signed in on (many addresses, one account). */
  accountFromStrangers: 50,
  /** One known browser of the account (it skips the other three). */
  knownDevice: 5,
});

/** Whose failures a success forgets: this account from this address, or this known device. */
export interface AttemptKeys {
  email: string;
  ip: string;
  /** The known device's hashed id, '' for none. */
  device: string;
}

/** The sign-in throttle over the database (shared by every node). */
export interface SignInThrottle {
  /**
   * Records an attempt as a failure before its password is checked and returns its id, or throws
   * RateLimited (nothing recorded, no password to check) when one of its limits is reached.
   */
  reserve(email: string, ip: string, device: string): Promise<number>;
  /** The password was right: forgets this attempt and the person's own earlier failures. */
  succeeded(attempt: number, keys: AttemptKeys): Promise<void>;
  /** Forgets failures and locks past the window. */
  purge(): Promise<void>;
}

/** The throttle on `db`, its window measured on `clock`. */
export function createSignInThrottle(db: Kysely<Database>, clock: Clock): SignInThrottle {
  const windowStart = () => new Date(clock.now().getTime() - THROTTLE_WINDOW_MS).toISOString();

  /** Whole minutes until the oldest counted failure leaves the window (at least 1). */
  function minutesUntil(oldestIso: string | null): number {
    const unlock = (oldestIso ? new Date(oldestIso).getTime() : clock.now().getTime()) + THROTTLE_WINDOW_MS;
    return Math.max(1, Math.ceil((unlock - clock.now().getTime()) / 60_000));
  }

  /**
   * Records a sign-in attempt as a failure before its password is checked, unless a limit is
   * reached (RateLimited, and no password checked). The keys' row locks make concurrent attempts on
   * one account, address or device take turns here, so each sees every attempt before it: 24
   * parallel guesses get at most 5 password checks. A right password deletes the record after.
   */
  async function reserve(email: string, ip: string, device: string): Promise<number> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const since = windowStart();
    return db.transaction().execute(async (trx) => {
      if (device) {
        await q.lockThrottleKeys(trx, [`device:${device}`], nowIso);
        const mine = await q.recentDeviceFailures(trx, device, since);
        if (mine.count >= signInLimits.knownDevice) {
          throw new RateLimited(
            `Too many failed sign-ins on this browser. Wait ${minutesUntil(mine.oldest)} minutes and try again, or reset your password.`,
          );
        }
      } else {
        await q.lockThrottleKeys(trx, [`account:${email}`, `address:${ip}`], nowIso);
        const f = await q.recentStrangerFailures(trx, email, ip, since);
        if (f.accountFromAddress.count >= signInLimits.accountFromAddress) {
          throw new RateLimited(
            `Too many failed sign-ins for this account from your network address. Wait ${minutesUntil(f.accountFromAddress.oldest)} minutes and try again, or reset your password.`,
          );
        }
        if (f.address.count >= signInLimits.address) {
          throw new RateLimited(
            `Too many failed sign-ins from your network address. Wait ${minutesUntil(f.address.oldest)} minutes and try again, or sign in from a browser you have used here before.`,
          );
        }
        if (f.account.count >= signInLimits.accountFromStrangers) {
          throw new RateLimited(
            `Too many failed sign-ins for this account from unfamiliar browsers. Sign in from a browser you have used here before, or reset your password by email (the browser that opens the link counts as yours from then on), or wait ${minutesUntil(f.account.oldest)} minutes.`,
          );
        }
      }
      return q.insertFailure(trx, { email, ip, device, created_at: nowIso });
    });
  }

  return {
    reserve,
    async succeeded(attempt, keys) {
      await q.deleteFailure(db, attempt);
      await q.clearFailures(db, keys, windowStart());
    },
    async purge() {
      await q.purgeThrottle(db, windowStart());
    },
  };
}
