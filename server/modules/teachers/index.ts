import type { FastifyInstance } from 'fastify';
import { recordsRoutes } from './records/records.routes.ts';
import { teachersRoutes } from './teachers.routes.ts';

/** Routes of the teachers area; registered by server/app.ts. */
export async function teachersModule(app: FastifyInstance) {
  await app.register(teachersRoutes);
  await app.register(recordsRoutes);
}
