import { AppError } from '../../errors.ts';

/**
 * Failed password attempts, counted in memory per key (the address and login of a login form, the user of a
 * password change) within a window: after `max` failures the key is refused until the window that began
 * with its first failure ends. Only failures count — a school's staff logging in all morning from one NAT
 * address locks nobody out — and a success clears the key. Kept per process: the server is one process.
 */
export interface AttemptLimiter {
  /** Refuses (429, Russian) a key that has used up its attempts. */
  assertAllowed(key: string): void;
  fail(key: string): void;
  succeed(key: string): void;
}

export function createAttemptLimiter(options: {
  max: number;
  windowMs: number;
  now?: () => number;
}): AttemptLimiter {
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; until: number }>();
  const current = (key: string) => {
    const entry = failures.get(key);
    if (entry && entry.until <= now()) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };
  const prune = () => {
    if (failures.size < 10_000) return;
    for (const [key, entry] of failures) if (entry.until <= now()) failures.delete(key);
  };
  return {
    assertAllowed(key) {
      const entry = current(key);
      if (entry && entry.count >= options.max) {
        const minutes = Math.max(1, Math.ceil((entry.until - now()) / 60_000));
        throw new AppError(
          'rate_limited',
          `Слишком много попыток. Подождите несколько минут и попробуйте снова (около ${minutes} мин.).`,
          { retryAfterSeconds: Math.ceil((entry.until - now()) / 1000) },
        );
      }
    },
    fail(key) {
      prune();
      const entry = current(key);
      if (entry) entry.count += 1;
      else failures.set(key, { count: 1, until: now() + options.windowMs });
    },
    succeed(key) {
      failures.delete(key);
    },
  };
}

/** The key of a login form: the address and the login, so one school's NAT address does not lock out its staff. */
export const loginAttemptKey = (ip: string, login: string) => `login|${ip}|${login.trim().toLowerCase()}`;
export const passwordChangeKey = (userId: number) => `change-password|${userId}`;
