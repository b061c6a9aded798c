import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** A person of the methodical service as a school sees it when it picks a curator or a tutor. */
export interface SpecialistName {
  id: number;
  fullName: string;
  roles: string[];
  workplace: string | null;
}

export function useSpecialistNames(enabled = true) {
  return useQuery({
    queryKey: ['methodical-specialists', 'names'],
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
