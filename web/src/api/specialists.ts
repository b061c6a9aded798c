import { useQuery } from '@tanstack/react-query';
import type { SPECIALIST_ROLES } from '../../../core/enums.ts';
import { api } from './client.ts';

/** Every query of the register (the list, the names a route picks from) starts with this key. */
export const SPECIALISTS_KEY = ['methodical-specialists'];

/** A person of the methodical service as a school sees it when it picks a curator or a tutor. */
export interface SpecialistName {
  id: number;
  fullName: string;
  roles: (typeof SPECIALIST_ROLES)[number][];
  workplace: string | null;
}

export function useSpecialistNames(enabled = true) {
  return useQuery({
    queryKey: [...SPECIALISTS_KEY, 'names'],
    queryFn: () => api.get<SpecialistName[]>('/api/methodical-specialists/names'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** «Степанова Ольга Викторовна (ЦНППМ)»: the place of work tells namesakes apart. */
export const specialistOptions = (people: SpecialistName[] | undefined) =>
  (people ?? []).map((p) => ({
    value: String(p.id),
    label: p.workplace ? `${p.fullName} (${p.workplace})` : p.fullName,
  }));

/** A record of the register as the department reads it (mirrors SpecialistOutput of the server). */
export interface Specialist extends SpecialistName {
  municipalityId: number;
  otherRole: string | null;
  subjects: string[];
  email: string | null;
  phone: string | null;
  isActive: boolean;
  login: string | null;
  notes: string | null;
  curatedRouteCount: number;
  tutoredRouteCount: number;
  version: number;
}
