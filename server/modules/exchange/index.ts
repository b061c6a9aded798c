import type { FastifyInstance } from 'fastify';

/** Routes of the exchange area; registered by server/app.ts. */
export async function exchangeModule(_app: FastifyInstance) {}
