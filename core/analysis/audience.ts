/**
 * To whom a recommendation of the department goes when it is addressed to several organizations at once
 * (seed 002: «Руководителям ОО»): every organization of the campaign, some kinds, a group (ШНОР, ШССУ), the
 * department's groups («500+», «Точка роста») or a list. One addressed to one organization keeps its `organizationId` and has no audience.
 */

import { organizationKind, type OrganizationKind } from '../enums.ts';
import { countOf, ORGANIZATION_FORMS } from '../format.ts';
import {
  appliesTo,
  describeApplicability,
  ORGANIZATION_GROUPS,
  normalizeOrgGroups,
  type ApplicabilityTarget,
  type OrganizationGroup,
  type OrgGroupRef,
} from '../indicators/applicability.ts';

export interface Audience {
  /** Kinds of organizations; null: every kind. */
  kinds: OrganizationKind[] | null;
  /** ШНОР / ШССУ: the organization belongs to at least one; null: no such limit. */
  groups: OrganizationGroup[] | null;
  /** Groups of the department («500+», «Точка роста»): the organization is in one of them; absent: no limit. */
  orgGroups?: OrgGroupRef[] | null;
  /** A list of organizations by id; null: no list (kinds and groups decide). */
  organizationIds: number[] | null;
}

export interface AudienceMember extends ApplicabilityTarget {
  id: number;
}

/** Empty lists mean no limit, so that «all organizations» has one shape; kinds and groups in their order. */
export function normalizeAudience(a: Partial<Audience>): Audience {
  const kinds = a.kinds?.length ? organizationKind.values.filter((k) => a.kinds!.includes(k)) : null;
  const groups = a.groups?.length ? ORGANIZATION_GROUPS.filter((g) => a.groups!.includes(g)) : null;
  const ids = a.organizationIds?.length ? [...new Set(a.organizationIds)].sort((x, y) => x - y) : null;
  const orgGroups = normalizeOrgGroups(a.orgGroups);
  return {
    kinds: kinds && kinds.length < organizationKind.values.length ? kinds : null,
    groups,
    ...(orgGroups ? { orgGroups } : {}),
    organizationIds: ids,
  };
}

/** Whether an organization is among the addressees: on the list when there is one, otherwise by kind and group. */
export function inAudience(audience: Audience, org: AudienceMember): boolean {
  if (audience.organizationIds?.length) return audience.organizationIds.includes(org.id);
  return appliesTo({ kinds: audience.kinds, groups: audience.groups, orgGroups: audience.orgGroups }, org);
}

/**
 * The addressees in words: «все организации», «общеобразовательные организации (ШНОР или ШССУ)»,
 * «МБОУ СОШ № 1, МБОУ СОШ № 3» — a list by the names of the organizations it holds.
 */
export function describeAudience(audience: Audience, nameOf: (id: number) => string | undefined): string {
  if (audience.organizationIds?.length) {
    const names = audience.organizationIds.map((id) => nameOf(id) ?? `организация № ${id}`);
    return names.length > 1 ? `${names.join(', ')} (${countOf(names.length, ORGANIZATION_FORMS)})` : names[0];
  }
  return describeApplicability({
    kinds: audience.kinds,
    groups: audience.groups,
    orgGroups: audience.orgGroups,
  });
}

/**
 * The head of an organization as the addressee line of a letter prints it (ГОСТ Р 7.0.97-2016 writes the
 * initials with a space): «Иванова М.П.», «Иванова Мария Петровна», «М. П. Иванова» → «Иванова М. П.». The
 * surname stays as the registry has it, in the nominative: a dative needs declension the product does not
 * have, and a wrong case in a signed letter is worse than none. null when the registry has no head.
 */
export function headOfAddressee(headName: string | null | undefined): string | null {
  const text = headName?.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const initials = (parts: string[]) => parts.map((p) => `${p[0].toUpperCase()}.`).join(' ');
  // «И.О. Фамилия», «И. О. Фамилия»
  const leading = /^((?:\p{Lu}\.\s?){1,2})\s*(\p{L}[\p{L}-]*)$/u.exec(text);
  if (leading) return `${leading[2]} ${initials(leading[1].replace(/[.\s]/g, '').split(''))}`;
  // «Фамилия И.О.», «Фамилия И. О.»
  const trailing = /^(\p{L}[\p{L}-]*)\s+((?:\p{Lu}\.\s?){1,2})$/u.exec(text);
  if (trailing) return `${trailing[1]} ${initials(trailing[2].replace(/[.\s]/g, '').split(''))}`;
  // «Фамилия Имя Отчество»
  const full = text.split(' ');
  if (full.length >= 2 && full.length <= 3 && full.every((p) => /^\p{Lu}[\p{L}-]*$/u.test(p)))
    return `${full[0]} ${initials(full.slice(1))}`;
  return text;
}
