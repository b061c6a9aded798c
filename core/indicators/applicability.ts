/**
 * Which organizations an indicator applies to (применимость показателя). Outside it the value of an
 * organization is «не применяется»: not 0 and not «нет данных» — it takes no level, no place in the
 * rating or clusters, no conclusion, no letter and no question of the campaign form.
 */

import { organizationKind, type OrganizationKind } from '../enums.ts';
import { collectCalls, parseFormula, type Condition } from '../formula/index.ts';

/** The groups of organizations an indicator can be limited to (ШНОР, ШССУ). */
export const ORGANIZATION_GROUPS = ['lowResults', 'hardSocial'] as const;
export type OrganizationGroup = (typeof ORGANIZATION_GROUPS)[number];

export const ORGANIZATION_GROUP_LABEL: Record<OrganizationGroup, string> = {
  lowResults: 'ШНОР',
  hardSocial: 'ШССУ',
};

/** A group of organizations the department defined («500+», «Точка роста»), by id, with its name to print. */
export interface OrgGroupRef {
  id: number;
  name: string;
}

export interface Applicability {
  /** Kinds of organizations; null: every kind. */
  kinds: OrganizationKind[] | null;
  /** The organization belongs to at least one of these groups; null: no such limit. */
  groups: OrganizationGroup[] | null;
  /**
   * The organization is in at least one of these groups of the department (organization_groups); null or
   * absent: no such limit. Each limit (kinds, ШНОР/ШССУ, groups) must hold.
   */
  orgGroups?: OrgGroupRef[] | null;
}

/** Applies to every organization; also what an indicator without applicability (an old snapshot) means. */
export const APPLIES_TO_ALL: Applicability = { kinds: null, groups: null };

export interface ApplicabilityTarget {
  kind: OrganizationKind;
  isLowResults: boolean;
  isHardSocialConditions: boolean;
  /** The ids of the department's groups the organization is in; absent: none. */
  groupIds?: readonly number[] | null;
}

const inGroup = (org: ApplicabilityTarget, group: OrganizationGroup) =>
  group === 'lowResults' ? org.isLowResults : org.isHardSocialConditions;

/** Whether an indicator applies to an organization; a missing applicability applies to all. */
export function appliesTo(
  applicability: Applicability | null | undefined,
  org: ApplicabilityTarget,
): boolean {
  if (!applicability) return true;
  if (applicability.kinds?.length && !applicability.kinds.includes(org.kind)) return false;
  if (applicability.groups?.length && !applicability.groups.some((g) => inGroup(org, g))) return false;
  if (applicability.orgGroups?.length && !applicability.orgGroups.some((g) => org.groupIds?.includes(g.id)))
    return false;
  return true;
}

/** The department's groups in the order of their ids, each once; null when none. */
export function normalizeOrgGroups(groups: readonly OrgGroupRef[] | null | undefined): OrgGroupRef[] | null {
  if (!groups?.length) return null;
  const byId = new Map(groups.map((g) => [g.id, { id: g.id, name: g.name }]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Empty lists mean no limit, so that «all» has one shape. */
export function normalizeApplicability(a: Partial<Applicability> | null | undefined): Applicability {
  const kinds = a?.kinds?.length ? organizationKind.values.filter((k) => a.kinds!.includes(k)) : null;
  const groups = a?.groups?.length ? ORGANIZATION_GROUPS.filter((g) => a.groups!.includes(g)) : null;
  const orgGroups = normalizeOrgGroups(a?.orgGroups);
  return {
    kinds: kinds && kinds.length < organizationKind.values.length ? kinds : null,
    groups,
    ...(orgGroups ? { orgGroups } : {}),
  };
}

export const isAppliedToAll = (a: Applicability | null | undefined) =>
  !a || (!a.kinds?.length && !a.groups?.length && !a.orgGroups?.length);

const KIND_PLURAL: Record<OrganizationKind, string> = {
  school: 'общеобразовательные организации',
  preschool: 'дошкольные образовательные организации',
  additional: 'организации дополнительного образования',
};

/**
 * «общеобразовательные организации (ШНОР или ШССУ)», «организации групп «500+» или «Точка роста»»,
 * «все организации».
 */
export function describeApplicability(a: Applicability | null | undefined): string {
  if (isAppliedToAll(a)) return 'все организации';
  const kinds = a!.kinds?.length ? a!.kinds.map((k) => KIND_PLURAL[k]).join(', ') : 'организации';
  const groups = a!.groups?.length
    ? ` (${a!.groups.map((g) => ORGANIZATION_GROUP_LABEL[g]).join(' или ')})`
    : '';
  const orgGroups = a!.orgGroups?.length
    ? ` ${a!.orgGroups.length > 1 ? 'групп' : 'группы'} ${a!.orgGroups.map((g) => `«${g.name}»`).join(' или ')}`
    : '';
  return kinds + groups + orgGroups;
}

/** The top-level conjuncts of a call's condition (the comma-separated conditions). */
const conjuncts = (c: Condition | null): Condition[] => (!c ? [] : c.kind === 'and' ? c.operands : [c]);

function kindsOf(c: Condition): OrganizationKind[] | null {
  if ((c.kind === 'compare' || c.kind === 'in') && (c.name === 'orgKind' || c.name === 'kind')) {
    const values = c.kind === 'compare' ? [c.value] : c.values;
    if (c.kind === 'compare' && c.operator !== '=') return null;
    return values.map((v) => String(v.value) as OrganizationKind);
  }
  return null;
}

function groupsOf(c: Condition): OrganizationGroup[] | null {
  const isGroup = (x: Condition) =>
    x.kind === 'flag' && (ORGANIZATION_GROUPS as readonly string[]).includes(x.name);
  if (isGroup(c)) return [(c as { name: OrganizationGroup }).name];
  if (c.kind === 'or' && c.operands.every(isGroup))
    return c.operands.map((x) => (x as { name: OrganizationGroup }).name);
  return null;
}

/**
 * The applicability a formula implies: the denominator (the population counted) or, without one, the
 * numerator. When every call of it keeps to some kinds of organizations (`orgKind = school`) or to
 * ШНОР/ШССУ (`lowResults or hardSocial`), the indicator applies to those; `form(…)` tells nothing.
 */
export function applicabilityFromFormula(numerator: string, denominator?: string | null): Applicability {
  const parsed = parseFormula(denominator?.trim() ? denominator : numerator);
  if (!parsed.ok) return APPLIES_TO_ALL;
  const calls = collectCalls(parsed.ast).map((c) => c.call);
  if (!calls.length || calls.some((c) => c.name === 'form')) return APPLIES_TO_ALL;
  const perCall = calls.map((call) => {
    const parts = call.name === 'form' ? [] : conjuncts(call.filter);
    return {
      kinds: parts.map(kindsOf).find((k) => k !== null) ?? null,
      groups: parts.map(groupsOf).find((g) => g !== null) ?? null,
    };
  });
  const union = <T>(lists: (T[] | null)[]) =>
    lists.some((l) => l === null) ? null : [...new Set(lists.flat() as T[])];
  return normalizeApplicability({
    kinds: union(perCall.map((p) => p.kinds)),
    groups: union(perCall.map((p) => p.groups)),
  });
}

/** As stored: null when it applies to all, so that «all» has one shape in the database. */
export function storedApplicability(a: Partial<Applicability> | null | undefined): Applicability | null {
  const n = normalizeApplicability(a);
  return isAppliedToAll(n) ? null : n;
}

/** The codes of the form fields a formula reads (`form("code")`). */
export function formFieldsOf(formula: string | null | undefined): readonly string[] {
  if (!formula?.trim()) return [];
  let fields = formFieldsByFormula.get(formula);
  if (!fields) {
    const parsed = parseFormula(formula);
    fields = parsed.ok
      ? collectCalls(parsed.ast).flatMap(({ call }) => (call.name === 'form' ? [call.field] : []))
      : [];
    if (formFieldsByFormula.size >= FORMULAS_KEPT) formFieldsByFormula.clear();
    formFieldsByFormula.set(formula, fields);
  }
  return fields;
}

/**
 * The fields a formula reads, by its text: every form opening and save asks it of each indicator of the
 * program, and parsing was most of what a form opening cost (bench/form-load.bench.ts). A formula's text
 * decides its fields, so nothing is ever stale; the map is only bounded.
 */
const formFieldsByFormula = new Map<string, readonly string[]>();
const FORMULAS_KEPT = 10_000;

/**
 * The form fields not asked of an organization: those read only by indicators that do not apply to it.
 * A field no indicator reads is asked of everyone.
 */
export function fieldsNotAskedOf(
  indicators: { numerator: string; denominator: string | null; applicability?: Applicability | null }[],
  org: ApplicabilityTarget,
): Set<string> {
  const asked = new Set<string>();
  const read = new Set<string>();
  for (const i of indicators) {
    const fields = [...formFieldsOf(i.numerator), ...formFieldsOf(i.denominator)];
    fields.forEach((f) => read.add(f));
    if (appliesTo(i.applicability, org)) fields.forEach((f) => asked.add(f));
  }
  return new Set([...read].filter((f) => !asked.has(f)));
}
