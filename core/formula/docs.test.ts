// The one formula test that reads a file: it keeps docs/formulas.md in step with the catalog.
// Tests run in Node only, so node:fs here does not make `core` itself impure.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { CATALOG, type Filter } from './catalog.ts';
import { CATALOG_DOC_BEGIN, CATALOG_DOC_END, catalogMarkdown } from './catalog-doc.ts';
import { parseFormula } from './index.ts';

const DOC = fileURLToPath(new URL('../../docs/formulas.md', import.meta.url));
const doc = readFileSync(DOC, 'utf8');

async function generatedSection(): Promise<string> {
  const options = (await resolveConfig(DOC)) ?? {};
  return (await format(catalogMarkdown(), { ...options, parser: 'markdown' })).trim();
}

function currentSection(): string {
  const begin = doc.indexOf(CATALOG_DOC_BEGIN);
  const end = doc.indexOf(CATALOG_DOC_END);
  expect(begin, 'docs/formulas.md has lost its catalog markers').toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(begin);
  return doc.slice(begin + CATALOG_DOC_BEGIN.length, end).trim();
}

const names = (filters: readonly Filter[]): string[] =>
  filters.flatMap((f) => [f.name, ...(f.kind === 'nested' ? names(f.filters) : [])]);

describe('docs/formulas.md', () => {
  it('carries the function and filter reference generated from the catalog', async () => {
    const expected = await generatedSection();
    if (process.env.UPDATE_FORMULA_DOCS) {
      const begin = doc.indexOf(CATALOG_DOC_BEGIN) + CATALOG_DOC_BEGIN.length;
      writeFileSync(
        DOC,
        `${doc.slice(0, begin)}\n\n${expected}\n\n${doc.slice(doc.indexOf(CATALOG_DOC_END))}`,
      );
      return;
    }
    expect(
      currentSection(),
      'The reference is out of date: run UPDATE_FORMULA_DOCS=1 npx vitest run core/formula/docs.test.ts',
    ).toBe(expected);
  });

  it('names every function and every filter', () => {
    const section = currentSection();
    for (const fn of CATALOG) {
      expect(section).toContain(`\`${fn.name}(`);
      if (fn.kind === 'aggregate')
        for (const name of names(fn.filters)) expect(section, fn.name).toContain(`\`${name}\``);
    }
  });

  it('shows only formulas that parse', () => {
    const blocks = [...doc.matchAll(/```formula\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const block of blocks) {
      const result = parseFormula(block);
      expect(result.ok ? [] : result.errors.map((e) => e.message), block).toEqual([]);
    }
  });
});
