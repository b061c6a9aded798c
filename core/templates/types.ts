import { applicabilityFromFormula, isAppliedToAll, type Applicability } from '../indicators/applicability.ts';
import type { Direction, IndicatorUnit } from '../indicators/levels.ts';
import type { ProgramParameters } from '../indicators/period.ts';

/** A monitoring program as a district's order describes it, ready to be loaded into a municipality. */
export interface ProgramTemplate {
  code: string;
  title: string;
  /** The district and document the template reproduces. */
  source: string;
  description: string;
  goals: string[];
  parameters: ProgramParameters;
  /** The organizations the program's indicators apply to unless an indicator or its formula says otherwise. */
  applicability?: Applicability;
  criteria: CriterionTemplate[];
  formFields: FormFieldTemplate[];
  /** The yearly campaign: stage dates as month-day, counted in the year after the reporting period unless `sameYear`. */
  campaign: CampaignTemplate;
}

export interface CriterionTemplate {
  code: string;
  title: string;
  goal?: string;
  indicators: IndicatorTemplate[];
}

export interface IndicatorTemplate {
  code: string;
  name: string;
  unit: IndicatorUnit;
  numerator: string;
  denominator?: string;
  factor?: number;
  source: string;
  method: string;
  periodicity: string;
  deadline: string;
  referenceDateRule: string;
  direction?: Direction;
  levelHigh?: number;
  levelMedium?: number;
  /** Target values by year from the district's passport: { "2025": 1 }. */
  targets?: Record<string, number>;
  /** True when the registry does not hold the data: the value comes from the campaign form. */
  isFormValue?: boolean;
  /** Which organizations it applies to; without it, what the formula implies, else the program's. */
  applicability?: Applicability;
  note?: string;
}

/**
 * The applicability a seed indicator gets: its own, else what its formula implies (`orgKind = school`,
 * `lowResults or hardSocial`), else the program's (Кардымовский: общеобразовательные организации), else all.
 */
export function templateApplicability(
  template: Pick<ProgramTemplate, 'applicability'>,
  indicator: Pick<IndicatorTemplate, 'applicability' | 'numerator' | 'denominator'>,
): Applicability | null {
  if (indicator.applicability) return indicator.applicability;
  const implied = applicabilityFromFormula(indicator.numerator, indicator.denominator);
  if (!isAppliedToAll(implied)) return implied;
  return template.applicability ?? null;
}

export interface FormFieldTemplate {
  code: string;
  label: string;
  type: 'number' | 'integer' | 'text' | 'boolean';
  unit?: string;
  hint?: string;
  isRequired?: boolean;
  min?: number;
  max?: number;
  notGreaterThan?: string;
}

export interface CampaignTemplate {
  title: string;
  /** Stage dates as 'MM-DD'. */
  stages: { kind: 'initial' | 'main' | 'final'; start: string; end: string }[];
  /** Whether the campaign runs in the same year the reporting period ends (else the next year). */
  isSameYear: boolean;
}

/** Shorthands for the usual shapes of indicators. */
export const share = (
  code: string,
  name: string,
  numerator: string,
  denominator: string,
  rest: Omit<IndicatorTemplate, 'code' | 'name' | 'unit' | 'numerator' | 'denominator'>,
): IndicatorTemplate => ({
  code,
  name,
  unit: 'percent',
  numerator,
  denominator,
  factor: 100,
  levelHigh: 70,
  levelMedium: 40,
  ...rest,
});

export const count = (
  code: string,
  name: string,
  numerator: string,
  rest: Omit<IndicatorTemplate, 'code' | 'name' | 'unit' | 'numerator'>,
): IndicatorTemplate => ({ code, name, unit: 'count', numerator, ...rest });

export const presence = (
  code: string,
  name: string,
  numerator: string,
  rest: Omit<IndicatorTemplate, 'code' | 'name' | 'unit' | 'numerator'>,
): IndicatorTemplate => ({ code, name, unit: 'presence', numerator, ...rest });
