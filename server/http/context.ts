import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Actor, AuthUser } from '../modules/auth/access.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: Config;
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
