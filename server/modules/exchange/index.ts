import type { FastifyInstance } from 'fastify';
import { exchangeRoutes } from './exchange.routes.ts';

/** Routes of the exchange area; registered by server/app.ts. */
export async function exchangeModule(app: FastifyInstance) {
  await app.register(exchangeRoutes);
}
