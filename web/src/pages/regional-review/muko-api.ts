/** Types of the region's МУКО evaluation (server/modules/regional/muko.*) as the page reads them. */
import type { MukoKey } from '../../../../core/management/muko.ts';

export type { MukoKey };

export interface MukoScore {
  score: 0 | 1;
  evidence: string[];
  comment: string | null;
  userName: string | null;
  updatedAt: string;
  version: number;
}

export interface MukoMunicipality {
  id: number;
  name: string;
  self: { total: number; rows: { key: MukoKey; score: 0 | 1; basis: string }[] };
  region: { total: number; scored: number; scores: Partial<Record<MukoKey, MukoScore>> };
}

export interface MukoTable {
  region: { id: number; name: string };
  year: number;
  elements: { key: MukoKey; title: string; criterion: string }[];
  municipalities: MukoMunicipality[];
}
