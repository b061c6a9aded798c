import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_NAMES,
  CATALOG,
  FUNCTION_NAMES,
  findFilterByPath,
  findFunction,
  type Filter,
} from './catalog.ts';
import { catalogFormulas } from './corpus.ts';
import { parseFormula } from './index.ts';

function allFilters(filters: readonly Filter[], path: string[]): { path: string[]; filter: Filter }[] {
  return filters.flatMap((filter) => [
    { path: [...path, filter.name], filter },
    ...(filter.kind === 'nested' ? allFilters(filter.filters, [...path, filter.name]) : []),
  ]);
}

const everyFilter = CATALOG.flatMap((fn) =>
  fn.kind === 'aggregate' ? allFilters(fn.filters, [fn.name]) : [],
);

describe('the catalog', () => {
  it('holds every aggregate once, and form', () => {
    expect([...FUNCTION_NAMES].sort()).toEqual([...AGGREGATE_NAMES, 'form'].sort());
    expect(new Set(FUNCTION_NAMES).size).toBe(CATALOG.length);
  });

  it('has the filters the indicators of the seed programs need', () => {
    const teachers = findFunction('teachers');
    expect(teachers?.kind === 'aggregate' && teachers.filters.map((f) => f.name)).toEqual([
      'orgKind',
      'orgGroup',
      'lowResults',
      'hardSocial',
      'position',
      'subject',
      'manager',
      'mainJob',
      'young',
      'experience',
      'age',
      'sex',
      'educationMatches',
      'education',
      'category',
      'certified',
      'diagnosed',
      'trained',
      'route',
      'mentor',
      'mentee',
      'member',
      'event',
      'reserved',
      'competition',
    ]);
    expect(findFilterByPath(['teachers', 'diagnosed', 'level'])).toMatchObject({ kind: 'enum' });
    expect(findFilterByPath(['teachers', 'trained', 'hours'])).toMatchObject({
      kind: 'number',
      unit: { code: 'hours' },
    });
    expect(findFilterByPath(['teachers', 'diagnosed', 'nope'])).toBeUndefined();
    expect(findFilterByPath(['form', 'x'])).toBeUndefined();
  });

  it('names filters uniquely at each level, and labels and describes each in Russian', () => {
    const levels = [
      ...CATALOG.flatMap((fn) => (fn.kind === 'aggregate' ? [fn.filters] : [])),
      ...everyFilter.flatMap(({ filter }) => (filter.kind === 'nested' ? [filter.filters] : [])),
    ];
    for (const filters of levels) expect(new Set(filters.map((f) => f.name)).size).toBe(filters.length);
    for (const { path, filter } of everyFilter) {
      expect(filter.name, path.join('.')).toMatch(/^[a-z][A-Za-z]*$/);
      expect(filter.label, path.join('.')).toMatch(/\p{Script=Cyrillic}/u);
      expect(filter.description, path.join('.')).toMatch(/^\P{Ll}.*\.$/u);
      if (filter.kind === 'enum') {
        expect(new Set(filter.values.map((v) => v.code)).size, path.join('.')).toBe(filter.values.length);
      }
    }
  });

  it('allows only «=» for look-back windows, and has them only in nested conditions', () => {
    const windows = everyFilter.filter(({ filter }) => filter.kind === 'number' && filter.isWindow);
    expect(windows.map(({ path }) => path.join('.'))).toEqual([
      'teachers.certified.years',
      'teachers.diagnosed.years',
      'teachers.trained.years',
      'teachers.event.years',
      'teachers.competition.years',
    ]);
    for (const { filter } of windows) expect(filter).toMatchObject({ operators: ['='], min: 1 });
  });

  it('accepts every function, every filter and every enumeration value, written as in its example', () => {
    const formulas = catalogFormulas();
    expect(formulas.length).toBeGreaterThan(150);
    const rejected = formulas.flatMap((text) => {
      const result = parseFormula(text);
      return result.ok ? [] : [`${text}: ${result.errors[0].message}`];
    });
    expect(rejected).toEqual([]);
  });
});
