/**
 * The МУКО self-assessment (оценка механизмов управления качеством образования): the elements of the full
 * management cycle, each scored 1 or 0 from what exists in pedmonitor, with up to five evidence links.
 * Regional evaluators score municipalities this way.
 */
export const MUKO_ELEMENTS = [
  {
    key: 'goals',
    title: 'Цели',
    criterion: 'Утверждены цели системы обеспечения профессионального развития педагогов',
  },
  {
    key: 'indicators',
    title: 'Показатели',
    criterion: 'Определены показатели с единицами измерения и формулами расчёта',
  },
  {
    key: 'methods',
    title: 'Методы сбора информации',
    criterion: 'Для показателей определены источники и методы сбора информации',
  },
  {
    key: 'monitoring',
    title: 'Мониторинг',
    criterion: 'Проведён мониторинг показателей с участием образовательных организаций',
  },
  {
    key: 'analysis',
    title: 'Анализ',
    criterion: 'Проведён анализ результатов мониторинга, сформулированы выводы',
  },
  {
    key: 'recommendations',
    title: 'Адресные рекомендации',
    criterion: 'Подготовлены адресные рекомендации по результатам анализа',
  },
  {
    key: 'measures',
    title: 'Меры и мероприятия',
    criterion: 'Меры и мероприятия связаны с показателями и рекомендациями',
  },
  {
    key: 'decisions',
    title: 'Управленческие решения',
    criterion: 'Приняты управленческие решения по результатам анализа',
  },
  {
    key: 'effect',
    title: 'Анализ эффективности',
    criterion: 'Проведён анализ эффективности принятых мер по динамике показателей',
  },
] as const;

export type MukoKey = (typeof MUKO_ELEMENTS)[number]['key'];

export interface MukoEvidence {
  title: string;
  url: string;
}

export interface MukoRow {
  key: MukoKey;
  title: string;
  criterion: string;
  score: 0 | 1;
  basis: string;
  evidence: MukoEvidence[];
}

export const MAX_EVIDENCE = 5;

export function mukoRow(key: MukoKey, isMet: boolean, basis: string, evidence: MukoEvidence[]): MukoRow {
  const element = MUKO_ELEMENTS.find((e) => e.key === key)!;
  return {
    key,
    title: element.title,
    criterion: element.criterion,
    score: isMet ? 1 : 0,
    basis,
    evidence: isMet ? evidence.slice(0, MAX_EVIDENCE) : [],
  };
}

/** The region's evaluation of its municipalities' МУКО (server/modules/regional/muko.*), as the page reads it. */
export interface RegionalMukoScore {
  score: 0 | 1;
  evidence: string[];
  comment: string | null;
  userName: string | null;
  updatedAt: string;
  version: number;
}

export interface RegionalMukoMunicipality {
  id: number;
  name: string;
  /** The municipality's own self-assessment: score and basis per element. */
  self: { total: number; rows: { key: MukoKey; score: 0 | 1; basis: string }[] };
  /** The region's scores per element (absent: not scored yet). */
  region: { total: number; scored: number; scores: Partial<Record<MukoKey, RegionalMukoScore>> };
}

export interface RegionalMukoTable {
  region: { id: number; name: string };
  year: number;
  elements: { key: MukoKey; title: string; criterion: string }[];
  municipalities: RegionalMukoMunicipality[];
}
