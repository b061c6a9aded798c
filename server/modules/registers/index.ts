import type { FastifyInstance } from 'fastify';

/** Routes of the registers area; registered by server/app.ts. */
export async function registersModule(_app: FastifyInstance) {}
