// Keeps docs/exchange-format.md in step with the sheet specs: the tables between the markers are generated.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { FORMAT_DOC_BEGIN, FORMAT_DOC_END, formatMarkdown } from './format-doc.ts';
import { LISTS_SHEET, SHEETS } from './sheets.ts';

const DOC = fileURLToPath(new URL('../../../../docs/exchange-format.md', import.meta.url));
const doc = readFileSync(DOC, 'utf8');

async function generatedSection(): Promise<string> {
  const options = (await resolveConfig(DOC)) ?? {};
  return (await format(formatMarkdown(), { ...options, parser: 'markdown' })).trim();
}

function currentSection(): string {
  const begin = doc.indexOf(FORMAT_DOC_BEGIN);
  const end = doc.indexOf(FORMAT_DOC_END);
  expect(begin, 'docs/exchange-format.md has lost its generated-section markers').toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(begin);
  return doc.slice(begin + FORMAT_DOC_BEGIN.length, end).trim();
}

describe('docs/exchange-format.md', () => {
  it('carries the sheet and column reference generated from the sheet specs', async () => {
    const expected = await generatedSection();
    if (process.env.UPDATE_EXCHANGE_DOCS) {
      const begin = doc.indexOf(FORMAT_DOC_BEGIN) + FORMAT_DOC_BEGIN.length;
      writeFileSync(
        DOC,
        `${doc.slice(0, begin)}\n\n${expected}\n\n${doc.slice(doc.indexOf(FORMAT_DOC_END))}`,
      );
      return;
    }
    expect(
      currentSection(),
      'The reference is out of date: run UPDATE_EXCHANGE_DOCS=1 npx vitest run server/modules/exchange/format/format-doc.test.ts',
    ).toBe(expected);
  });

  it('names every sheet and every column header', () => {
    const section = currentSection();
    expect(section).toContain(`## Скрытый лист «${LISTS_SHEET}»`);
    for (const sheet of SHEETS) {
      expect(section).toContain(`### «${sheet.name}»`);
      for (const c of sheet.columns) expect(section, sheet.name).toContain(`«${c.header}»`);
    }
  });
});
