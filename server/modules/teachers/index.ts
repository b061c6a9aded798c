import type { FastifyInstance } from 'fastify';

/** Routes of the teachers area; registered by server/app.ts. */
export async function teachersModule(_app: FastifyInstance) {}
