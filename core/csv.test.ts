import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV cells', () => {
  it('writes a text that a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+7 900 000-00-00')).toBe("'+7 900 000-00-00");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvCell('\t=1+2')).toBe("'\t=1+2");
    expect(csvCell('\r=1+2')).toBe('"\'\r=1+2"');
    expect(csvCell('=HYPERLINK("http://x";"a")')).toBe('"\'=HYPERLINK(""http://x"";""a"")"');
  });

  it('leaves numbers numbers: a negative value is not mangled, the decimal point becomes a comma', () => {
    expect(csvCell(-1.5)).toBe('-1,5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes only what needs quoting', () => {
    expect(csvCell('МБОУ СОШ № 1')).toBe('МБОУ СОШ № 1');
    expect(csvCell('А; Б')).toBe('"А; Б"');
    expect(csvCell('«Ромашка» "детсад"')).toBe('"«Ромашка» ""детсад"""');
    expect(
      toCsv([
        ['a', 1.25],
        ['=b', -2],
      ]),
    ).toBe("\ufeffa;1,25\r\n'=b;-2\r\n");
  });
});
