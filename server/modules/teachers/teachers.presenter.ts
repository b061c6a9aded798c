import { formatRuDate } from '../../../core/dates.ts';
import { organizationKind, qualificationCategory } from '../../../core/enums.ts';
import type { TeacherFilters } from './teachers.schema.ts';

export { formatSnils, snilsDigits as normalizeSnils } from '../../../core/registry/snils.ts';

const yesNo = (value: boolean | undefined, yes: string, no: string) =>
  value === undefined ? null : value ? yes : no;

const range = (label: string, from?: number, to?: number) =>
  from === undefined && to === undefined
    ? null
    : `${label} ${from !== undefined ? `от ${from}` : ''}${from !== undefined && to !== undefined ? ' ' : ''}${to !== undefined ? `до ${to}` : ''}`;

/** The filters of a search in Russian, for the audit log: «молодые, категория «высшая», на 01.09.2025». */
export function describeFilters(f: TeacherFilters, referenceDate: string): string {
  const parts = [
    f.q ? `«${f.q}»` : null,
    f.organizationId ? `организация № ${f.organizationId}` : null,
    f.kind ? organizationKind.label[f.kind].toLowerCase() : null,
    f.subject ? `предмет «${f.subject}»` : null,
    f.position ? `должность «${f.position}»` : null,
    range('возраст', f.ageFrom, f.ageTo),
    range('стаж', f.experienceFrom, f.experienceTo),
    yesNo(f.young, 'молодые педагоги', 'кроме молодых педагогов'),
    f.category ? `категория «${qualificationCategory.label[f.category]}»` : null,
    f.diagnosedYear ? `диагностика в ${f.diagnosedYear} году` : null,
    yesNo(f.hasRoute, 'с ИОМ', 'без ИОМ'),
    yesNo(f.inMentoring, 'в наставничестве', 'вне наставничества'),
    yesNo(f.inAssociation, 'в методических объединениях', 'вне методических объединений'),
    yesNo(f.isManager, 'руководители', 'кроме руководителей'),
    f.includeFormer ? 'включая уволившихся' : null,
  ].filter(Boolean);
  return `${parts.length ? parts.join(', ') : 'без фильтров'}; на ${formatRuDate(referenceDate)}`;
}
