import { Document, Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { hasLibreOffice, pagesOfDocx } from '../../test/office.ts';
import { documentStyles, GOST_MARGINS } from './docx-kit.ts';
import type { LetterContent } from './letter-content.ts';
import { letterChildren } from './letter-docx.ts';

/**
 * No page of a letter holds only the signature: whatever the length of the letter, the last page carries
 * the letter's last paragraph with the signature and the executor. Letters of every length from one page to
 * two are laid out by LibreOffice; in some of them the signature would fall alone onto a new page unless it
 * is kept with the paragraph before it.
 */

const SIGNER = { position: 'Начальник отдела образования', name: 'Р.В. Беззубцева' };
const EXECUTOR = ['Исп. Сафонова Ирина Петровна', 'Тел. (86349) 2-15-40'];

function content(items: number): LetterContent {
  return {
    organizationId: 1,
    letterhead: {
      name: 'Приреченский район',
      regionName: 'Ростовская область',
      departmentName: 'Отдел образования администрации Приреченского района',
      address: 'ул. Ленина, д. 1',
      phone: '(86349) 2-15-40',
      email: 'roo@prirechensky.example.ru',
      requisites: null,
    },
    registration: 'от 12.07.2026 № 768',
    addressee: ['Руководителю МБОУ СОШ № 1', 'Иванова М. П.'],
    title: 'Адресные рекомендации руководителю МБОУ СОШ № 1 по итогам мониторинга за 2025 год',
    blocks: [
      { kind: 'heading', text: 'Результаты МБОУ СОШ № 1' },
      ...Array.from({ length: items }, (_, i) => ({
        kind: 'item' as const,
        number: i + 1,
        text: `Рекомендация номер ${i + 1}: провести методическое мероприятие для педагогов.`,
        details: 'Срок — до 31.12.2026.',
      })),
    ],
    findings: [],
    closing: 'Информацию о выполнении рекомендаций прошу представить в отдел образования в указанные сроки.',
    signer: SIGNER,
    executor: EXECUTOR,
  };
}

const build = (c: LetterContent) =>
  Packer.toBuffer(
    new Document({
      styles: documentStyles(26),
      sections: [{ properties: { page: { margin: GOST_MARGINS } }, children: letterChildren(c) }],
    }),
  );

/** The last page's text without the signature block: what else stands on it. */
export function besidesSignature(
  page: string,
  signer: { position: string; name: string },
  executor: string[],
) {
  let rest = page;
  for (const part of [...signer.position.split('\n'), signer.name, ...executor])
    rest = rest.replace(part, '');
  return rest.replace(/\s+/g, ' ').trim();
}

describe.skipIf(!hasLibreOffice)('the signature of a letter (needs libreoffice on PATH)', () => {
  it('is never alone on its page, for letters of every length across a page break', async () => {
    const lengths = Array.from({ length: 10 }, (_, i) => 8 + i);
    const files: Record<string, Buffer> = {};
    for (const n of lengths) files[`letter-${n}`] = await build(content(n));
    const pages = await pagesOfDocx(files);
    const counts = new Set<number>();
    for (const n of lengths) {
      const letter = pages[`letter-${n}`];
      counts.add(letter.length);
      const last = letter[letter.length - 1];
      expect(last, `${n} пунктов: подпись на последней странице`).toContain(SIGNER.name);
      expect(last).toContain(EXECUTOR[0]);
      expect(
        besidesSignature(last, SIGNER, EXECUTOR),
        `${n} пунктов: на последней странице только подпись`,
      ).not.toBe('');
      expect(last, `${n} пунктов`).toContain('Информацию о выполнении рекомендаций');
    }
    // The lengths do cross the page break: some letters take one page, others two.
    expect([...counts].sort()).toEqual([1, 2]);
  }, 240_000);
});
