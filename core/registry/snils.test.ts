import { describe, expect, it } from 'vitest';
import { teacherKind } from './kinds.ts';
import { recordSchema } from './schema.ts';
import { completeSnils, formatSnils, hasValidSnilsChecksum, snilsCheckNumber } from './snils.ts';

describe('СНИЛС check number', () => {
  it('follows the published examples and edge sums', () => {
    expect(snilsCheckNumber('112233445')).toBe('95');
    // 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8+1·9 = 165 → 165 mod 101 = 64
    expect(snilsCheckNumber('123456789')).toBe('64');
    // sum exactly 100: 9·9 + 8·2 + 1·3 = 100
    expect(snilsCheckNumber('920000003')).toBe('00');
    // sum exactly 101: 9·9 + 8·2 + 2·2 = 101
    expect(snilsCheckNumber('920000020')).toBe('00');
    // sum 201 → 201 mod 101 = 100 → 00: 9·9+8·9+7·6+6·1 = 201
    expect(snilsCheckNumber('996100000')).toBe('00');
    // sum 102 → 102 mod 101 = 1
    expect(snilsCheckNumber('920000021')).toBe('01');
  });

  it('accepts a right check number and refuses a wrong one, with or without dashes', () => {
    expect(hasValidSnilsChecksum('112-233-445 95')).toBe(true);
    expect(hasValidSnilsChecksum('11223344595')).toBe(true);
    expect(hasValidSnilsChecksum('112-233-445 96')).toBe(false);
    expect(hasValidSnilsChecksum('12345678901')).toBe(false);
    expect(hasValidSnilsChecksum(completeSnils('987654321'))).toBe(true);
  });

  it('does not check numbers up to 001-001-998', () => {
    expect(hasValidSnilsChecksum('001-001-998 77')).toBe(true);
    expect(hasValidSnilsChecksum('000-000-001 00')).toBe(true);
    expect(hasValidSnilsChecksum('001-001-999 77')).toBe(false);
    expect(hasValidSnilsChecksum(completeSnils('001001999'))).toBe(true);
  });

  it('formats 11 digits and leaves other text alone', () => {
    expect(formatSnils('11223344595')).toBe('112-233-445 95');
    expect(formatSnils('123')).toBe('123');
  });
});

describe('the teacher record refuses a СНИЛС with a wrong check number', () => {
  const teacher = {
    lastName: 'Иванова',
    firstName: 'Мария',
    birthDate: '1990-04-12',
    sex: 'female',
    pedagogicalStartDate: '2012-09-01',
    qualificationCategory: 'none',
  };

  it('names the field in Russian', () => {
    const result = recordSchema(teacherKind).safeParse({ ...teacher, snils: '112-233-445 96' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['snils', '«СНИЛС»: неверное контрольное число'],
    ]);
  });

  it('reports a malformed СНИЛС once, by its format', () => {
    const result = recordSchema(teacherKind).safeParse({ ...teacher, snils: '123' });
    expect(result.error!.issues.map((i) => i.message)).toEqual([
      '«СНИЛС»: СНИЛС — 11 цифр, например 123-456-789 64',
    ]);
  });

  it('checks a changed СНИЛС and accepts a right one', () => {
    const partial = recordSchema(teacherKind, { partial: true });
    expect(partial.safeParse({ snils: '11223344596' }).success).toBe(false);
    expect(partial.safeParse({ snils: '11223344595' }).success).toBe(true);
    expect(recordSchema(teacherKind).parse({ ...teacher, snils: '112-233-445 95' }).snils).toBe(
      '112-233-445 95',
    );
  });
});
