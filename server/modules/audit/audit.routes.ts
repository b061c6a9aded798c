import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../errors.ts';
import { hasRole, municipalityScope, requireUser } from '../auth/access.ts';
import { AuditQuery, findAuditEntries } from './audit.repository.ts';

const AuditOutput = z.object({
  id: z.number(),
  at: z.string(),
  userLogin: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  organizationId: z.number().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      schema: {
        tags: ['Служебное'],
        summary: 'Журнал изменений (кто, когда, что: было → стало)',
        querystring: AuditQuery,
        response: { 200: z.array(AuditOutput) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      if (!hasRole(user, 'admin', 'coordinator'))
        throw forbidden('Журнал изменений доступен администратору и координатору.');
      const scope = municipalityScope(user, 'manage');
      const { rows, total } = await findAuditEntries(app.db, scope.all ? null : scope.ids, req.query);
      reply.header('X-Total-Count', String(total));
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        userLogin: r.userLogin,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        organizationId: r.organizationId,
        summary: r.summary,
        before: r.before,
        after: r.after,
      }));
    },
  );
}
