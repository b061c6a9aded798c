import type { FastifyInstance } from 'fastify';
import { actionListsRoutes } from './action-lists/action-lists.routes.ts';
import { associationsRoutes } from './associations/associations.routes.ts';
import { catalogsRoutes } from './catalogs/catalogs.routes.ts';
import { eventsRoutes } from './events/events.routes.ts';
import { forecastRoutes } from './forecast/forecast.routes.ts';
import { meetingsRoutes } from './meetings/meetings.routes.ts';
import { mentoringRoutes } from './mentoring/mentoring.routes.ts';
import { reserveRoutes } from './reserve/reserve.routes.ts';
import { specialistsRoutes } from './specialists/specialists.routes.ts';
import { normativeActsRoutes } from './normative-acts/normative-acts.routes.ts';
import { vacanciesRoutes } from './vacancies/vacancies.routes.ts';

/** Routes of the registers area; registered by server/app.ts. */
export async function registersModule(app: FastifyInstance) {
  await app.register(catalogsRoutes);
  await app.register(vacanciesRoutes);
  await app.register(normativeActsRoutes);
  await app.register(mentoringRoutes);
  await app.register(associationsRoutes);
  await app.register(eventsRoutes);
  await app.register(meetingsRoutes);
  await app.register(reserveRoutes);
  await app.register(actionListsRoutes);
  await app.register(forecastRoutes);
  await app.register(specialistsRoutes);
}
