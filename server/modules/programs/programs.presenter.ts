import { APPLIES_TO_ALL } from '../../../core/indicators/applicability.ts';
import { describeReferenceRule } from '../../../core/indicators/period.ts';
import type { ProgramTree } from './programs.repository.ts';

export function presentProgramTree(tree: ProgramTree) {
  const { program } = tree;
  return {
    id: program.id,
    municipalityId: program.municipalityId,
    title: program.title,
    description: program.description,
    goals: program.goals,
    templateCode: program.templateCode,
    parameters: program.parameters,
    referenceDateText: describeReferenceRule(program.parameters),
    isArchived: program.isArchived,
    version: program.version,
    criteria: tree.criteria.map((c) => ({
      id: c.id,
      code: c.code,
      title: c.title,
      goal: c.goal,
      sortOrder: c.sortOrder,
      version: c.version,
      indicators: tree.indicators.filter((i) => i.criterionId === c.id).map(presentIndicator),
    })),
    formFields: tree.formFields.map((f) => ({
      id: f.id,
      code: f.code,
      label: f.label,
      type: f.type,
      unit: f.unit,
      hint: f.hint,
      isRequired: f.isRequired,
      min: f.min,
      max: f.max,
      notGreaterThan: f.notGreaterThan,
      sortOrder: f.sortOrder,
      version: f.version,
    })),
  };
}

export function presentIndicator(i: ProgramTree['indicators'][number]) {
  return {
    id: i.id,
    criterionId: i.criterionId,
    code: i.code,
    name: i.name,
    unit: i.unit,
    numerator: i.numerator,
    denominator: i.denominator,
    factor: i.factor,
    source: i.source,
    method: i.method,
    periodicity: i.periodicity,
    deadline: i.deadline,
    referenceDateRule: i.referenceDateRule,
    direction: i.direction,
    levelHigh: i.levelHigh,
    levelMedium: i.levelMedium,
    targets: i.targets,
    isFormValue: i.isFormValue,
    applicability: i.applicability ?? APPLIES_TO_ALL,
    note: i.note,
    sortOrder: i.sortOrder,
    version: i.version,
  };
}
