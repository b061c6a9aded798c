import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Actor, AuthUser } from '../modules/auth/access.ts';
import type { AttemptLimiter } from '../modules/auth/attempts.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: Config;
    /** Failed password attempts (login, password change), see auth/attempts.ts. */
    passwordAttempts: AttemptLimiter;
  }
  interface FastifyRequest {
    user: AuthUser | null;
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Answered without a session (health, login, the published report); every other API route needs one. */
    isPublic?: boolean;
  }
}

export {};
