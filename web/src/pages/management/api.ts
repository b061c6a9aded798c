import type { DeadlineKind } from '../../../../core/management/roadmap-template.ts';
import type { Verdict } from '../../../../core/management/effect.ts';
import type { MukoRow } from '../../../../core/management/muko.ts';

export interface Roadmap {
  id: number;
  municipalityId: number;
  title: string;
  periodStart: string;
  periodEnd: string;
  templateCode: string | null;
  version: number;
}

export interface Measure {
  id: number;
  roadmapId: number;
  section: string;
  number: string;
  title: string;
  deadlineKind: DeadlineKind;
  deadlineFrom: string | null;
  deadlineTo: string | null;
  executors: string;
  status: 'planned' | 'in_progress' | 'done' | 'cancelled';
  doneOn: string | null;
  evidence: { title: string; url?: string | null; fileId?: number | null }[];
  indicators: { programId: number; indicatorCode: string; name: string }[];
  recommendationIds: number[];
  /** Shown with its effect on the public report of the campaign that measured it. */
  isPublic: boolean;
  version: number;
}

/** Where a piece of evidence opens: its link, or the uploaded file. */
export const evidenceHref = (e: Measure['evidence'][number]) =>
  e.url ?? (e.fileId ? `/api/files/${e.fileId}` : '#');

export interface RoadmapView extends Roadmap {
  measures: Measure[];
}

export interface EffectView {
  roadmapId: number;
  title: string;
  measures: {
    measureId: number;
    number: string;
    title: string;
    status: string;
    date: string | null;
    verdict: Verdict;
    indicators: {
      programId: number;
      indicatorCode: string;
      name: string;
      unit: 'percent' | 'count' | 'presence' | 'number';
      before: { campaignId: number; year: number; value: number | null } | null;
      after: { campaignId: number; year: number; value: number | null } | null;
      verdict: Verdict;
      organizations: {
        organizationId: number;
        name: string;
        before: number | null;
        after: number | null;
        verdict: Verdict;
      }[];
    }[];
  }[];
}

export interface Decision {
  id: number;
  municipalityId: number;
  kind: 'order' | 'protocol' | 'publication' | 'other';
  number: string | null;
  date: string;
  title: string;
  url: string | null;
  fileId: number | null;
  file: { id: number; name: string; size: number } | null;
  conclusionIds: number[];
  measureIds: number[];
  /** The linked measures that still exist, named. */
  measures: {
    id: number;
    roadmapId: number;
    roadmapTitle: string;
    section: string;
    number: string;
    title: string;
  }[];
  /** The linked conclusions that still exist; empty for those outside the department. */
  conclusions: { id: number; campaignId: number; campaignTitle: string; year: number; text: string }[];
  /** Shown on the public report of the campaign whose conclusions it answers. */
  isPublic: boolean;
  version: number;
}

export interface MukoAssessment {
  municipality: string;
  total: number;
  max: number;
  rows: MukoRow[];
}

export const MEASURE_STATUS: Record<Measure['status'], { label: string; color: string }> = {
  planned: { label: 'запланировано', color: 'gray' },
  in_progress: { label: 'выполняется', color: 'blue' },
  done: { label: 'выполнено', color: 'teal' },
  cancelled: { label: 'отменено', color: 'red' },
};

export const VERDICT_COLOR: Record<Verdict, string> = {
  improved: 'teal',
  unchanged: 'gray',
  worsened: 'red',
  no_data: 'gray',
};

export const DECISION_KIND: Record<Decision['kind'], string> = {
  order: 'Приказ',
  protocol: 'Протокол',
  publication: 'Публикация',
  other: 'Другое',
};
