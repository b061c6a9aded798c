import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertMunicipalityAccess, type AuthUser } from '../auth/access.ts';
import { findProgramById } from '../programs/programs.repository.ts';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import { computeIndicators } from './compute.ts';

/** The value one formula would give on the current data: the municipality and the spread over organizations. */
export async function previewIndicator(options: {
  db: Db;
  user: AuthUser;
  programId: number;
  unit: 'percent' | 'count' | 'presence' | 'number';
  numerator: string;
  denominator?: string | null;
  factor: number;
  year: number;
}) {
  const program = await findProgramById(options.db, options.programId);
  if (!program) throw notFound('Программа мониторинга');
  assertMunicipalityAccess(options.user, program.municipalityId, 'manage');
  const { results, problems } = await computeIndicators({
    db: options.db,
    ctx: {
      municipalityId: program.municipalityId,
      period: reportingPeriod(program.parameters, options.year),
    },
    indicators: [
      {
        code: 'preview',
        name: 'preview',
        unit: options.unit,
        numerator: options.numerator,
        denominator: options.denominator?.trim() ? options.denominator : null,
        factor: options.factor,
        direction: 'higher',
        levelHigh: null,
        levelMedium: null,
      },
    ],
  });
  if (problems.length) {
    const p = problems[0];
    throw new AppError(
      'validation_failed',
      `${p.part === 'numerator' ? 'Числитель' : 'Знаменатель'}: ${p.errors[0].message}`,
      { field: p.part, errors: p.errors },
    );
  }
  const municipal = results.find((r) => r.organization === null)!;
  const values = results.filter((r) => r.organization !== null && r.value !== null).map((r) => r.value!);
  return {
    municipal: { value: municipal.value, numerator: municipal.numerator, denominator: municipal.denominator },
    organizations: results.filter((r) => r.organization !== null).length,
    withValue: values.length,
    min: values.length ? Math.min(...values) : null,
    max: values.length ? Math.max(...values) : null,
  };
}
