import { describe, expect, it } from 'vitest';
import {
  diagnosticKind,
  educationKind,
  normativeActKind,
  positionKind,
  teacherKind,
  vacancyKind,
} from './kinds.ts';
import { recordSchema } from './schema.ts';

const teacher = {
  lastName: 'Иванова',
  firstName: 'Мария',
  birthDate: '1990-04-12',
  sex: 'female',
  pedagogicalStartDate: '2012-09-01',
  qualificationCategory: 'first',
  categoryDate: '2022-12-20',
};

describe('record schemas built from field definitions', () => {
  it('accepts a valid teacher and fills defaults', () => {
    const parsed = recordSchema(teacherKind).parse({ ...teacher, middleName: '' });
    expect(parsed).toMatchObject({ ...teacher, middleName: null, isManager: false, subjects: [] });
  });

  it('names the field in Russian when it is missing or wrong', () => {
    const result = recordSchema(teacherKind).safeParse({
      ...teacher,
      lastName: '',
      birthDate: '1990-02-30',
      sex: 'x',
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('lastName: «Фамилия»: обязательное поле');
    expect(messages).toContain(
      'birthDate: «Дата рождения»: некорректная дата (нужна дата в формате дд.мм.гггг)',
    );
    expect(messages).toContain('sex: «Пол»: допустимые значения — мужской, женский');
  });

  it('applies cross-field rules', () => {
    const result = recordSchema(teacherKind).safeParse({
      ...teacher,
      pedagogicalStartDate: '1980-01-01',
      categoryDate: null,
    });
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain('Начало педагогической деятельности не может быть раньше рождения');
    expect(messages).toContain('«Дата присвоения категории»: обязательна для категории «первая» и «высшая»');
    // «Соответствие занимаемой должности» is no category with a date of assignment.
    expect(
      recordSchema(teacherKind).safeParse({
        ...teacher,
        qualificationCategory: 'compliance',
        categoryDate: null,
      }).success,
    ).toBe(true);
    const score = recordSchema(diagnosticKind).safeParse({
      date: '2025-10-10',
      level: 'municipal',
      instrument: 'Тест',
      score: 120,
      maxScore: 100,
    });
    expect(score.error!.issues[0]).toMatchObject({
      path: ['score'],
      message: 'Балл не может превышать максимальный',
    });
    const act = recordSchema(normativeActKind).safeParse({
      kind: 'mentoring',
      number: '1',
      date: '2025-01-01',
      title: 'О наставничестве',
      validFrom: '2025-02-01',
      validTo: '2025-01-01',
    });
    expect(act.error!.issues[0].message).toBe('Дата окончания не может быть раньше даты начала');
  });

  it('in partial mode leaves omitted fields out and keeps required ones non-null', () => {
    const schema = recordSchema(teacherKind, { partial: true });
    expect(schema.parse({ phone: '123' })).toEqual({ phone: '123' });
    expect(schema.safeParse({ lastName: '' }).error!.issues[0].message).toBe('«Фамилия»: обязательное поле');
    expect(schema.parse({ middleName: '' })).toEqual({ middleName: null });
  });

  it('reads a blank flag as «не указано» when nullable, as its default otherwise', () => {
    const education = { level: 'higher', institution: 'ЮФУ' };
    expect(recordSchema(educationKind).parse({ ...education, matchesProfile: null }).matchesProfile).toBe(
      null,
    );
    expect(recordSchema(educationKind).parse({ ...education, matchesProfile: false }).matchesProfile).toBe(
      false,
    );
    const position = { organizationId: 1, title: 'учитель', rate: 1, startDate: '2020-09-01' };
    expect(recordSchema(positionKind).parse({ ...position, isMainJob: null }).isMainJob).toBe(true);
    expect(recordSchema(teacherKind).parse({ ...teacher, isManager: null }).isManager).toBe(false);
  });

  it('records a month without vacancies as a count of 0', () => {
    const parsed = recordSchema(vacancyKind).parse({
      organizationId: 1,
      month: '2026-03',
      position: 'учитель',
      count: 0,
    });
    expect(parsed.count).toBe(0);
  });

  it('normalizes a month to its first day', () => {
    const parsed = recordSchema(vacancyKind).parse({
      organizationId: 1,
      month: '2026-03',
      position: 'учитель',
      count: 2,
    });
    expect(parsed.month).toBe('2026-03-01');
    expect(
      recordSchema(vacancyKind).safeParse({
        organizationId: 1,
        month: '2026-3',
        position: 'учитель',
        count: 0,
      }).success,
    ).toBe(false);
  });
});
