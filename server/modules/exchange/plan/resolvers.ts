import { formatRuDate, isValidIsoDate } from '../../../../core/dates.ts';
import { eventFormat, eventType } from '../../../../core/enums.ts';
import { eventKind } from '../../../../core/registry/kinds.ts';
import { fullName, nameKey, type NameList } from '../format/cells.ts';
import type { TeacherGroup } from '../format/sheets.ts';
import { cached, eventKey, reference, type AfterRecord, type PlanContext } from './context.ts';
import type { Resolver } from './records.ts';
import { schemaOf, stripLabel } from './records.ts';
import type { Ref } from './types.ts';

const BAD_DATE = 'некорректная дата (нужна дата в формате дд.мм.гггг)';

/** Why the records of a teacher who does not work in the organization now are not its to keep. */
export const notHereProblem = (entry: { lastName: string; firstName: string; middleName: string | null }) =>
  `${fullName(entry)} не работает в организации на текущую дату: сведения о педагоге ведёт организация, где он работает`;

/**
 * The teacher of a row by the identification rule. `scope`: a teacher working in the organization (records of
 * a teacher who leaves in this import are left alone); `any`: anyone who works or worked here (mentors).
 */
export function teacherRef(group: TeacherGroup, field: string, mode: 'scope' | 'any'): Resolver {
  return {
    columns: [`${group}.id`, `${group}.name`, `${group}.snils`, `${group}.birthDate`],
    shown: [`${group}.name`],
    fields: [field],
    resolve(cells, ctx, _values, headers) {
      const found = ctx.teachers.find(cells, group, headers);
      if (found.error) return { values: {}, errors: [found.error] };
      const entry = found.entry;
      if (mode === 'scope' && entry.isLeaving)
        return { values: { [field]: entry.ref }, errors: [], skip: true };
      if (mode === 'scope' && !entry.inScope) {
        const error = { column: headers[`${group}.name`], problem: notHereProblem(entry) };
        // A dismissed teacher's records stay findable, so the file that dismissed it imports again unchanged.
        if (entry.isFormer) {
          reference(ctx, 'teachers', entry.ref);
          return { values: { [field]: entry.ref }, errors: [], readOnly: error };
        }
        return { values: {}, errors: [error] };
      }
      reference(ctx, 'teachers', entry.ref);
      return { values: { [field]: entry.ref }, errors: [] };
    },
    toCells: (record, ctx) => ctx.teachers.cells(record[field], group),
  };
}

/** Other organizations that employ a teacher now, by «teacher|organization». */
const employersNow = (ctx: PlanContext) =>
  cached(ctx, 'employersNow', () => {
    const map = new Map<string, string>();
    for (const p of ctx.data.positionsElsewhere)
      if (!p.endDate || p.endDate >= ctx.today) map.set(`${p.teacherId}|${p.organizationId}`, p.shortName);
    return map;
  });

/**
 * A teacher's record is not this organization's to change or remove when its teacher no longer works here, or
 * when another organization that employs the teacher now entered it (a shared teacher's records belong to the
 * organization that entered them).
 */
export function protection(ctx: PlanContext, teacherId: unknown, organizationId: unknown): string | null {
  const entry = ctx.teachers.get(teacherId as Ref);
  if (entry?.isFormer) return notHereProblem(entry);
  if (organizationId === null || organizationId === undefined || organizationId === ctx.organization.id)
    return null;
  const employer = employersNow(ctx).get(`${String(teacherId)}|${String(organizationId)}`);
  return employer
    ? `запись внесена организацией ${employer}, где педагог тоже работает: изменить или удалить её может только она`
    : null;
}

const NAME_LISTS: Record<NameList, string> = {
  providers: 'в справочнике организаций, проводящих обучение',
  associations: 'среди методических объединений муниципалитета и организации',
  programs: 'среди программ наставничества организации',
};

/** A record of a list (provider, association, mentoring program) by its name: case and ё do not matter. */
export function nameRef(key: string, list: NameList): Resolver {
  return {
    columns: [key],
    fields: [key],
    resolve(cells, ctx, _values, headers) {
      const value = cells[key];
      if (value === null || value === undefined || value === '')
        return { values: { [key]: null }, errors: [] };
      const found = ctx.names[list].byKey.get(nameKey(String(value)));
      if (!found) {
        const problem = `«${String(value)}» нет ${NAME_LISTS[list]} (допустимые названия — на листе «Списки»)`;
        return { values: {}, errors: [{ column: headers[key], problem }] };
      }
      if (found.length > 1) {
        const problem = `название «${String(value)}» носят несколько записей ${NAME_LISTS[list]}; попросите отдел образования переименовать одну из них`;
        return { values: {}, errors: [{ column: headers[key], problem }] };
      }
      return { values: { [key]: found[0].id }, errors: [] };
    },
    toCells: (record, ctx) => ({
      [key]:
        record[key] === null || record[key] === undefined
          ? null
          : (ctx.names[list].byId.get(Number(record[key])) ?? null),
    }),
  };
}

function indexAfter(ctx: PlanContext, table: 'diagnostics' | 'routes', dateField: string) {
  return cached(ctx, `after:${table}`, () => {
    const byRef = new Map<Ref, AfterRecord>();
    const byTeacherDate = new Map<string, AfterRecord>();
    for (const a of ctx.after[table] ?? []) {
      byRef.set(a.ref, a);
      const key = `${String(a.values.teacherId)}|${String(a.values[dateField])}`;
      if (!byTeacherDate.has(key)) byTeacherDate.set(key, a);
    }
    return { byRef, byTeacherDate };
  });
}

/** A route as it will be after the import, by its id or temporary key. */
export const routeAfter = (ctx: PlanContext, ref: unknown) =>
  indexAfter(ctx, 'routes', 'startDate').byRef.get(ref as Ref);

/** The diagnostic an ИОМ follows, named by its date among the same teacher's diagnostics. */
export const diagnosticByDate: Resolver = {
  columns: ['diagnosticId'],
  fields: ['diagnosticId'],
  resolve(cells, ctx, values, headers) {
    const date = cells.diagnosticId;
    if (date === null || date === undefined) return { values: { diagnosticId: null }, errors: [] };
    const column = headers.diagnosticId;
    if (typeof date !== 'string' || !isValidIsoDate(date))
      return { values: {}, errors: [{ column, problem: BAD_DATE }] };
    const found = indexAfter(ctx, 'diagnostics', 'date').byTeacherDate.get(
      `${String(values.teacherId)}|${date}`,
    );
    if (!found) {
      const problem = `у педагога нет диагностики от ${formatRuDate(date)} (лист «Диагностики»)`;
      return { values: {}, errors: [{ column, problem }] };
    }
    reference(ctx, 'diagnostics', found.ref);
    return { values: { diagnosticId: found.ref }, errors: [] };
  },
  toCells(record, ctx) {
    const ref = record.diagnosticId as Ref | null;
    if (ref === null || ref === undefined) return { diagnosticId: null };
    const own = indexAfter(ctx, 'diagnostics', 'date').byRef.get(ref);
    if (own) return { diagnosticId: own.values.date };
    const loaded = cached(
      ctx,
      'loaded:diagnostics',
      () => new Map(ctx.records.diagnostics.map((d) => [d.id, d])),
    );
    return { diagnosticId: loaded.get(ref as number)?.date ?? null };
  },
};

/** A step of a route the organization may not change is not its to add, change or remove either. */
function routeGuard(ctx: PlanContext, ref: Ref, column: string) {
  const route = indexAfter(ctx, 'routes', 'startDate').byRef.get(ref)?.values;
  const problem = route ? protection(ctx, route.teacherId, route.organizationId) : null;
  return problem ? { column, problem } : undefined;
}

/** The route of a step: «ID ИОМ», else the teacher and the route's start date. */
export const routeRef: Resolver = {
  columns: [
    'route.id',
    'teacher.id',
    'teacher.name',
    'teacher.snils',
    'teacher.birthDate',
    'route.startDate',
  ],
  shown: ['teacher.name', 'route.startDate'],
  fields: ['routeId'],
  resolve(cells, ctx, _values, headers) {
    const routes = indexAfter(ctx, 'routes', 'startDate');
    const leaving = (teacherId: unknown) => ctx.teachers.get(teacherId as Ref)?.isLeaving === true;
    const id = cells['route.id'];
    if (id !== null && id !== undefined) {
      const column = headers['route.id'];
      if (typeof id !== 'number')
        return { values: {}, errors: [{ column, problem: 'ожидается номер ИОМ (целое число)' }] };
      const loaded = cached(
        ctx,
        'loaded:routes',
        () => new Map(ctx.records.routes.map((r) => [r.id, r])),
      ).get(id);
      if (loaded && leaving(loaded.teacherId)) return { values: { routeId: id }, errors: [], skip: true };
      if (!routes.byRef.has(id)) {
        const problem = `ИОМ с ID ${id} не найден среди маршрутов педагогов организации`;
        return { values: {}, errors: [{ column, problem }] };
      }
      reference(ctx, 'routes', id);
      return { values: { routeId: id }, errors: [], readOnly: routeGuard(ctx, id, column) };
    }
    const teacher = teacherRef('teacher', 'teacherId', 'scope').resolve(cells, ctx, {}, headers);
    if (teacher.skip || teacher.errors.length) return { ...teacher, values: {} };
    const readOnly = teacher.readOnly;
    const start = cells['route.startDate'];
    const column = headers['route.startDate'];
    if (start === null || start === undefined)
      return { values: {}, errors: [{ column, problem: 'укажите «ID ИОМ» или дату начала маршрута' }] };
    if (typeof start !== 'string' || !isValidIsoDate(start))
      return { values: {}, errors: [{ column, problem: BAD_DATE }] };
    const found = routes.byTeacherDate.get(`${String(teacher.values.teacherId)}|${start}`);
    if (!found) {
      const problem = `у педагога нет ИОМ, начатого ${formatRuDate(start)} (лист «ИОМ»)`;
      return { values: {}, errors: [{ column, problem }] };
    }
    reference(ctx, 'routes', found.ref);
    return {
      values: { routeId: found.ref },
      errors: [],
      readOnly: readOnly ?? routeGuard(ctx, found.ref, column),
    };
  },
  toCells(record, ctx) {
    const route = indexAfter(ctx, 'routes', 'startDate').byRef.get(record.routeId as Ref);
    if (!route) return {};
    return {
      'route.id': typeof route.ref === 'number' ? route.ref : null,
      ...ctx.teachers.cells(route.values.teacherId, 'teacher'),
      'route.startDate': route.values.startDate,
    };
  },
};

const EVENT_FIELDS = ['title', 'level', 'date', 'format', 'type'] as const;

/**
 * The event of a participation: found by title, date and level among the municipality's and the
 * organization's events, or created as the organization's event.
 */
export const eventRef: Resolver = {
  columns: EVENT_FIELDS.map((f) => `event.${f}`),
  fields: ['eventId'],
  resolve(cells, ctx, _values, headers) {
    const input = Object.fromEntries(EVENT_FIELDS.map((f) => [f, cells[`event.${f}`] ?? null]));
    const parsed = schemaOf(eventKind).safeParse({ ...input, organizationId: null });
    if (!parsed.success) {
      return {
        values: {},
        errors: parsed.error.issues.map((i) => ({
          column: headers[`event.${String(i.path[0])}`] ?? '',
          problem: stripLabel(i.message),
        })),
      };
    }
    const e = parsed.data as {
      title: string;
      level: string;
      date: string;
      format: string;
      type: string | null;
    };
    const key = eventKey(e.title, e.date, e.level);
    const found = ctx.events.byKey.get(key);
    if (found) {
      if (found.format !== e.format) {
        const problem =
          `у мероприятия «${found.title}» от ${formatRuDate(found.date)} формат «${eventFormat.label[found.format as 'offline']}»; ` +
          'формат существующего мероприятия меняется в разделе «Мероприятия»';
        return { values: {}, errors: [{ column: headers['event.format'], problem }] };
      }
      // A blank kind takes the event as it is; a different one is changed where the event is kept.
      if (e.type !== null && found.type !== e.type) {
        const problem =
          `у мероприятия «${found.title}» от ${formatRuDate(found.date)} вид ` +
          `«${found.type ? eventType.label[found.type as 'seminar'] : 'не указан'}»; ` +
          'вид существующего мероприятия меняется в разделе «Мероприятия»';
        return { values: {}, errors: [{ column: headers['event.type'], problem }] };
      }
      reference(ctx, 'events', found.ref);
      return { values: { eventId: found.ref }, errors: [] };
    }
    const temp = ctx.newKey('events');
    // The parsed row carries organizationId: null (the kind's field); the organization's own id wins.
    const values = {
      ...e,
      municipalityId: ctx.organization.municipalityId,
      organizationId: ctx.organization.id,
    };
    const entry = { ref: temp, ...e };
    ctx.events.byKey.set(key, entry);
    ctx.events.byRef.set(temp, entry);
    ctx.ops.inserts.push({
      table: 'events',
      temp,
      values,
      audit: {
        entity: 'event',
        summary: `Создано мероприятие «${e.title}» (${formatRuDate(e.date)}) при загрузке книги`,
        after: values,
      },
    });
    return { values: { eventId: temp }, errors: [], note: `мероприятие «${e.title}» будет создано` };
  },
  toCells(record, ctx) {
    const e = ctx.events.byRef.get(record.eventId as Ref);
    return e
      ? {
          'event.title': e.title,
          'event.level': e.level,
          'event.date': e.date,
          'event.format': e.format,
          'event.type': e.type,
        }
      : {};
  },
};
