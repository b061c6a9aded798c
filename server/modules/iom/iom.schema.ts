import { z } from 'zod';
import { isValidIsoDate } from '../../../core/dates.ts';
import { COMPETENCE_AREAS, RESOURCE_KINDS, ROUTE_STATUSES, STEP_STATUSES } from '../../../core/enums.ts';
import { optionalText, optionalWebUrl } from '../../http/fields.ts';

const day = (label: string) =>
  z.string(`«${label}»: обязательное поле`).refine(isValidIsoDate, `«${label}»: некорректная дата`);
const kindField = z.enum(RESOURCE_KINDS, {
  message: '«Вид»: курсы, мероприятие, наставничество или самообразование',
});
const version = z.number('«Версия записи»: обязательное поле').int().positive();

export const ResourceOutput = z.object({
  id: z.number(),
  municipalityId: z.number().nullable(),
  isShared: z.boolean(),
  deficitCode: z.string(),
  deficitTitle: z.string(),
  area: z.enum(COMPETENCE_AREAS),
  kind: z.enum(RESOURCE_KINDS),
  title: z.string(),
  provider: z.string().nullable(),
  hours: z.number().nullable(),
  url: z.string().nullable(),
  stepCount: z.number(),
  version: z.number(),
});
export type ResourceOutput = z.infer<typeof ResourceOutput>;

export const ListResourcesQuery = z.object({
  deficitCode: z.string().trim().max(20).optional(),
  kind: z.enum(RESOURCE_KINDS).optional(),
  q: z.string().trim().max(200).optional(),
});

const resourceFields = {
  deficitCode: z.string('«Дефицит»: обязательное поле').trim().min(1, '«Дефицит»: обязательное поле').max(20),
  kind: kindField,
  title: z
    .string('«Название»: обязательное поле')
    .trim()
    .min(3, '«Название»: не короче 3 символов')
    .max(500, '«Название»: не длиннее 500 символов'),
  provider: optionalText(300),
  hours: z
    .number('«Часов»: ожидается число')
    .int('«Часов»: целое число')
    .min(1, '«Часов»: не меньше 1')
    .max(2000, '«Часов»: не больше 2000')
    .nullish(),
  url: optionalWebUrl('Ссылка'),
};

export const CreateResourceInput = z.object({
  ...resourceFields,
  /** The municipality the resource is kept for; omitted — the user's own; null — shared (global admin). */
  municipalityId: z.number().int().positive().nullable().optional(),
});
export type CreateResourceInput = z.infer<typeof CreateResourceInput>;

export const UpdateResourceInput = z.object(resourceFields).partial().extend({ version });
export type UpdateResourceInput = z.infer<typeof UpdateResourceInput>;

export const StepOutput = z.object({
  id: z.number(),
  routeId: z.number(),
  deficitCode: z.string().nullable(),
  deficitTitle: z.string().nullable(),
  kind: z.enum(RESOURCE_KINDS).nullable(),
  resourceId: z.number().nullable(),
  resource: z
    .object({
      title: z.string(),
      provider: z.string().nullable(),
      hours: z.number().nullable(),
      url: z.string().nullable(),
    })
    .nullable(),
  title: z.string(),
  deadline: z.string(),
  status: z.enum(STEP_STATUSES),
  result: z.string().nullable(),
  isOverdue: z.boolean(),
  version: z.number(),
});

const Approval = z.object({ at: z.string(), by: z.string() }).nullable();

export const RouteViewOutput = z.object({
  id: z.number(),
  teacherId: z.number(),
  diagnostic: z
    .object({ id: z.number(), date: z.string(), instrument: z.string(), deficitCodes: z.array(z.string()) })
    .nullable(),
  startDate: z.string(),
  endDate: z.string(),
  /** The curator and the tutor from the register of the methodical service; the names also for older routes. */
  curatorId: z.number().nullable(),
  tutorId: z.number().nullable(),
  curatorName: z.string().nullable(),
  tutorName: z.string().nullable(),
  status: z.enum(ROUTE_STATUSES),
  approvedAt: z.string().nullable(),
  approvals: z.object({ curator: Approval, tutor: Approval }),
  progress: z.object({ done: z.number(), total: z.number(), percent: z.number() }),
  steps: z.array(StepOutput),
  version: z.number(),
  permissions: z.object({
    canEdit: z.boolean(),
    canApproveAsCurator: z.boolean(),
    canApproveAsTutor: z.boolean(),
    /** Whether the caller may withdraw the curator's (the tutor's) approval given so far. */
    canWithdrawCurator: z.boolean(),
    canWithdrawTutor: z.boolean(),
    canMarkSteps: z.boolean(),
  }),
});
export type RouteViewOutput = z.infer<typeof RouteViewOutput>;

export const ProposalQuery = z.object({
  diagnosticId: z.coerce.number('«Диагностика»: выберите диагностику').int().positive(),
  startDate: day('Начало').optional(),
  endDate: day('Окончание').optional(),
});

export const ProposedStepOutput = z.object({
  deficitCode: z.string().nullable(),
  kind: z.enum(RESOURCE_KINDS),
  resourceId: z.number().nullable(),
  title: z.string(),
  deadline: z.string(),
});

export const ProposalOutput = z.object({
  diagnostic: z.object({ id: z.number(), date: z.string(), instrument: z.string(), level: z.string() }),
  startDate: z.string(),
  endDate: z.string(),
  /** A route already built from this diagnostic, if any: a second one is refused. */
  existingRouteId: z.number().nullable(),
  deficits: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      area: z.enum(COMPETENCE_AREAS),
      resources: z.array(ResourceOutput),
    }),
  ),
  steps: z.array(ProposedStepOutput),
});

export const BuildRouteInput = z.object({
  diagnosticId: z.number().int().positive().nullable(),
  startDate: day('Начало'),
  endDate: day('Окончание'),
  curatorId: z.number('«Куратор»: выберите специалиста').int().positive().nullish(),
  tutorId: z.number('«Тьютор»: выберите специалиста').int().positive().nullish(),
  steps: z
    .array(
      z.object({
        deficitCode: z.string().trim().max(20).nullable(),
        kind: kindField,
        resourceId: z.number().int().positive().nullable(),
        title: z
          .string('«Мероприятие»: обязательное поле')
          .trim()
          .min(3, '«Мероприятие»: не короче 3 символов')
          .max(500, '«Мероприятие»: не длиннее 500 символов'),
        deadline: day('Срок'),
      }),
      '«Шаги»: ожидается список',
    )
    .min(1, 'Выберите хотя бы один шаг маршрута.')
    .max(40, 'В маршруте не больше 40 шагов.'),
});
export type BuildRouteInput = z.infer<typeof BuildRouteInput>;

export const ApproveInput = z.object({
  as: z.enum(['curator', 'tutor'], { message: 'Укажите, кто утверждает: куратор или тьютор' }),
  version,
});

export const WithdrawApprovalInput = z.object({
  as: z.enum(['curator', 'tutor'], { message: 'Укажите, чьё утверждение снимается: куратора или тьютора' }),
  reason: z
    .string('«Причина»: обязательное поле')
    .trim()
    .min(3, '«Причина»: опишите, почему снимается утверждение (не короче 3 символов)')
    .max(1000, '«Причина»: не длиннее 1000 символов'),
  version,
});
export type WithdrawApprovalInput = z.infer<typeof WithdrawApprovalInput>;

export const ProgressInput = z.object({
  status: z.enum(STEP_STATUSES, {
    message: '«Статус»: запланирован, выполняется, выполнен или отменён',
  }),
  result: optionalText(1000),
  version,
});
export type ProgressInput = z.infer<typeof ProgressInput>;

export const SupervisedRouteOutput = RouteViewOutput.extend({
  teacher: z.object({ id: z.number(), fullName: z.string(), organizationShortName: z.string().nullable() }),
  /** The caller's part in the route. */
  asCurator: z.boolean(),
  asTutor: z.boolean(),
});
