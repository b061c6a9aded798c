import type { ACT_KINDS } from '../../../../core/enums.ts';
import type { Applicability } from '../../../../core/indicators/applicability.ts';
import type { FormulaError } from '../../../../core/formula/index.ts';
import type { IndicatorLevel } from '../../../../core/indicators/levels.ts';
import type { ProgramParameters } from '../../../../core/indicators/period.ts';
import type { FormFieldDefinition, IndicatorDefinition } from '../../../../core/programs/program-file.ts';

export interface ProgramSummary {
  id: number;
  municipalityId: number;
  title: string;
  templateCode: string | null;
  isArchived: boolean;
  indicatorCount: number;
  updatedAt: string;
}

export interface TemplateSummary {
  code: string;
  title: string;
  source: string;
  criteriaCount: number;
  indicatorCount: number;
  formFieldCount: number;
}

/** An indicator as the program page gets it: the definition a program file carries, with its record's ids. */
export interface Indicator extends Omit<IndicatorDefinition, 'applicability'> {
  id: number;
  criterionId: number;
  /** Which organizations it applies to; empty lists or null: all. */
  applicability: Applicability;
  sortOrder: number;
  version: number;
  /** Came from the region's program: the municipality may neither change nor delete it. */
  isRegional?: boolean;
}

export interface Criterion {
  id: number;
  code: string;
  title: string;
  goal: string | null;
  sortOrder: number;
  version: number;
  indicators: Indicator[];
}

export interface FormField extends FormFieldDefinition {
  id: number;
  sortOrder: number;
  version: number;
}

export interface ProgramTree {
  id: number;
  municipalityId: number;
  title: string;
  description: string | null;
  goals: string[];
  templateCode: string | null;
  parameters: ProgramParameters;
  referenceDateText: string;
  isArchived: boolean;
  version: number;
  criteria: Criterion[];
  formFields: FormField[];
  /** The acts that approve the program (the registry of normative acts). */
  approvingActs: {
    id: number;
    kind: (typeof ACT_KINDS)[number];
    kindLabel: string;
    number: string;
    date: string;
    title: string;
    url: string | null;
  }[];
}

export interface IndicatorResult {
  indicator: string;
  organization: number | null;
  organizationName: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  level: IndicatorLevel | null;
  /** false: the indicator does not apply to this organization («не применяется»). */
  isApplicable?: boolean;
}

export interface ResultsResponse {
  period: { year: number; start: string; end: string; referenceDate: string };
  organizations: { id: number; name: string }[];
  results: IndicatorResult[];
  problems: { indicator: string; part: string; errors: FormulaError[] }[];
  /** The month of the vacancy snapshot the vacancy indicators count; null or absent: none. */
  vacanciesAsOf?: string | null;
}

export interface DrilldownResponse {
  indicator: string;
  organizationId: number | null;
  part: string;
  formula: string;
  calls: {
    description: string;
    function: string;
    isPersonal: boolean;
    total: number;
    rows: { id: number | null; label: string; organization: string | null; detail: string | null }[];
  }[];
}
