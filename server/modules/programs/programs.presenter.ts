import { APPLIES_TO_ALL } from '../../../core/indicators/applicability.ts';
import { describeReferenceRule } from '../../../core/indicators/period.ts';
import {
  FORM_FIELD_DEFINITION_KEYS,
  INDICATOR_DEFINITION_KEYS,
  pick,
} from '../../../core/programs/program-file.ts';
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
      ...pick(f, FORM_FIELD_DEFINITION_KEYS),
      sortOrder: f.sortOrder,
      version: f.version,
    })),
  };
}

export function presentIndicator(i: ProgramTree['indicators'][number]) {
  return {
    id: i.id,
    criterionId: i.criterionId,
    ...pick(i, INDICATOR_DEFINITION_KEYS),
    applicability: i.applicability ?? APPLIES_TO_ALL,
    sortOrder: i.sortOrder,
    version: i.version,
    isRegional: i.isRegional,
  };
}
