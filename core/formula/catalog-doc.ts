/**
 * The function and filter reference of docs/formulas.md, generated from the catalog so the page
 * cannot fall behind it (a test compares the two).
 */

import { CATALOG, type Filter } from './catalog.ts';

export const CATALOG_DOC_BEGIN = '<!-- catalog:begin (generated from core/formula/catalog.ts) -->';
export const CATALOG_DOC_END = '<!-- catalog:end -->';

const code = (text: string) => `\`${text}\``;

function kindLabel(filter: Filter): string {
  switch (filter.kind) {
    case 'flag':
      return 'признак';
    case 'number':
      return `целое число, ${filter.unit.forms[2]}`;
    case 'enum':
      return 'значение из списка';
    case 'string':
      return 'строка в кавычках';
    case 'nested':
      return 'вложенное условие';
  }
}

function valuesCell(filter: Filter): string {
  if (filter.kind === 'enum') return filter.values.map((v) => `${code(v.code)} — ${v.label}`).join('; ');
  return code(filter.example);
}

function rows(filters: readonly Filter[], prefix: string): string[] {
  return filters.flatMap((filter) => {
    const name = prefix + code(filter.kind === 'nested' ? `${filter.name}(…)` : filter.name);
    const row = `| ${name} | ${kindLabel(filter)} | ${filter.description} | ${valuesCell(filter)} |`;
    return filter.kind === 'nested' ? [row, ...rows(filter.filters, `${code(filter.name)} → `)] : [row];
  });
}

/** Markdown: one section per function with its description, an example and a table of its filters. */
export function catalogMarkdown(): string {
  const sections = CATALOG.map((fn) => {
    const heading = `### ${code(fn.kind === 'form_field' ? 'form("код")' : `${fn.name}(…)`)} — ${fn.label}`;
    const lines = [heading, '', fn.description, '', `Пример: ${code(fn.example)}`];
    if (fn.kind === 'aggregate') {
      lines.push(
        '',
        '| Фильтр | Вид | Что означает | Значения, пример |',
        '| --- | --- | --- | --- |',
        ...rows(fn.filters, ''),
      );
    }
    return lines.join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}
