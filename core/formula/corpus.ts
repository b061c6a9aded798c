/**
 * Formulas that exercise every function, every filter and every enumeration value of the catalog,
 * built from the catalog itself; the tests parse, format and describe all of them.
 */

import { CATALOG, type Filter } from './catalog.ts';

/** `wrap` puts a condition inside the calls and nested conditions that lead to it. */
function filterFormulas(filters: readonly Filter[], wrap: (condition: string) => string): string[] {
  return filters.flatMap((filter) => {
    const own = [wrap(filter.example)];
    if (filter.kind === 'flag') own.push(wrap(`not ${filter.name}`));
    if (filter.kind === 'enum') {
      own.push(...filter.values.map((v) => wrap(`${filter.name} = ${v.code}`)));
      own.push(wrap(`${filter.name} != ${filter.values[0].code}`));
    }
    if (filter.kind === 'nested') {
      own.push(wrap(filter.name), wrap(`not ${filter.name}`));
      own.push(...filterFormulas(filter.filters, (inner) => wrap(`${filter.name}(${inner})`)));
    }
    return own;
  });
}

/** Every function's example, a bare call of it, and a formula per filter and per enumeration value. */
export function catalogFormulas(): string[] {
  return CATALOG.flatMap((fn) =>
    fn.kind === 'aggregate'
      ? [fn.example, `${fn.name}()`, ...filterFormulas(fn.filters, (c) => `${fn.name}(${c})`)]
      : [fn.example],
  );
}
