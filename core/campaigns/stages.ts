import { isoDate, type IsoDate } from '../dates.ts';

export type StageKind = 'initial' | 'main' | 'final';
export const STAGE_LABEL: Record<StageKind, string> = {
  initial: 'начальный',
  main: 'основной',
  final: 'заключительный',
};
export const STAGE_PURPOSE: Record<StageKind, string> = {
  initial: 'цели, показатели, формулы, источники и инструкции',
  main: 'сбор данных от организаций, первичная обработка',
  final: 'статистическая и аналитическая обработка, справка, рейтинги, архив',
};

export interface CampaignDates {
  initialStart: IsoDate;
  initialEnd: IsoDate;
  mainStart: IsoDate;
  mainEnd: IsoDate;
  finalStart: IsoDate;
  finalEnd: IsoDate;
}

export type CampaignPhase = 'before' | StageKind | 'after';

/** Where a campaign stands on a given day. Stages may touch (1.04–1.05, 1.05–1.06): the later one wins. */
export function currentPhase(dates: CampaignDates, today: IsoDate): CampaignPhase {
  if (today < dates.initialStart) return 'before';
  if (today >= dates.finalStart && today <= dates.finalEnd) return 'final';
  if (today >= dates.mainStart && today <= dates.mainEnd) return 'main';
  if (today >= dates.initialStart && today <= dates.initialEnd) return 'initial';
  if (today > dates.finalEnd) return 'after';
  return today < dates.mainStart ? 'initial' : today <= dates.mainEnd ? 'main' : 'final';
}

export const PHASE_LABEL: Record<CampaignPhase, string> = {
  before: 'не начался',
  initial: 'начальный этап',
  main: 'основной этап',
  final: 'заключительный этап',
  after: 'завершён по срокам',
};

/** The dates of a campaign template ('MM-DD' stages) in a given calendar year. */
export function datesFromTemplate(
  stages: { kind: StageKind; start: string; end: string }[],
  year: number,
): CampaignDates {
  const at = (mmdd: string) => {
    const [m, d] = mmdd.split('-').map(Number);
    return isoDate(year, m, d);
  };
  const stage = (kind: StageKind) => stages.find((s) => s.kind === kind)!;
  return {
    initialStart: at(stage('initial').start),
    initialEnd: at(stage('initial').end),
    mainStart: at(stage('main').start),
    mainEnd: at(stage('main').end),
    finalStart: at(stage('final').start),
    finalEnd: at(stage('final').end),
  };
}

/**
 * The dates a campaign of a district template gets for a reporting year: in that year when the district
 * collects during it (seed 000: September–November), otherwise in the next one (seed 004: April–July).
 */
export function campaignDatesForYear(
  campaign: { stages: { kind: StageKind; start: string; end: string }[]; isSameYear: boolean },
  year: number,
): CampaignDates {
  return datesFromTemplate(campaign.stages, campaign.isSameYear ? year : year + 1);
}

/** Problems with the order of stage dates, in Russian; empty when they are consistent. */
export function checkStageDates(d: CampaignDates): { field: keyof CampaignDates; message: string }[] {
  const problems: { field: keyof CampaignDates; message: string }[] = [];
  const pairs: [keyof CampaignDates, keyof CampaignDates, string][] = [
    ['initialEnd', 'initialStart', 'Начальный этап заканчивается раньше, чем начинается'],
    ['mainStart', 'initialStart', 'Основной этап начинается раньше начального'],
    ['mainEnd', 'mainStart', 'Основной этап заканчивается раньше, чем начинается'],
    ['finalStart', 'mainStart', 'Заключительный этап начинается раньше основного'],
    ['finalEnd', 'finalStart', 'Заключительный этап заканчивается раньше, чем начинается'],
  ];
  for (const [later, earlier, message] of pairs)
    if (d[later] < d[earlier]) problems.push({ field: later, message });
  return problems;
}

export const STAGE_ORDER: StageKind[] = ['initial', 'main', 'final'];

/**
 * How a campaign's stages read on its page: the index of the stage in progress (-1 before the start, 3 when
 * all are done) and, for a closed campaign, whether it was closed before its final stage ended. Once closed,
 * nothing is in progress any more, whatever the dates say: a campaign closed during its main stage must not
 * go on showing the main stage as current.
 */
export function stageProgress(options: {
  dates: CampaignDates;
  phase: CampaignPhase;
  closedOn: IsoDate | null;
}): { activeStep: number; isClosedEarly: boolean } {
  const { dates, phase, closedOn } = options;
  if (closedOn) return { activeStep: STAGE_ORDER.length, isClosedEarly: closedOn < dates.finalEnd };
  const activeStep =
    phase === 'before' ? -1 : phase === 'after' ? STAGE_ORDER.length : STAGE_ORDER.indexOf(phase);
  return { activeStep, isClosedEarly: false };
}
