import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.ts';
import { generateActivity } from './demo-activity.ts';
import { DEMO_ORGANIZATIONS } from './demo-district.ts';
import { generateTeachers } from './demo-people.ts';
import { FATHERS, patronymic } from './names.ts';

/** The patronymics of every father's name of the demo, as a Russian register writes them. */
const EXPECTED: Record<string, [string, string]> = {
  Александр: ['Александрович', 'Александровна'],
  Алексей: ['Алексеевич', 'Алексеевна'],
  Анатолий: ['Анатольевич', 'Анатольевна'],
  Андрей: ['Андреевич', 'Андреевна'],
  Аркадий: ['Аркадьевич', 'Аркадьевна'],
  Борис: ['Борисович', 'Борисовна'],
  Валерий: ['Валерьевич', 'Валерьевна'],
  Василий: ['Васильевич', 'Васильевна'],
  Виктор: ['Викторович', 'Викторовна'],
  Владимир: ['Владимирович', 'Владимировна'],
  Вячеслав: ['Вячеславович', 'Вячеславовна'],
  Геннадий: ['Геннадьевич', 'Геннадьевна'],
  Григорий: ['Григорьевич', 'Григорьевна'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Евгений: ['Евгеньевич', 'Евгеньевна'],
  Иван: ['Иванович', 'Ивановна'],
  Игорь: ['Игоревич', 'Игоревна'],
  Константин: ['Константинович', 'Константиновна'],
  Леонид: ['Леонидович', 'Леонидовна'],
  Михаил: ['Михайлович', 'Михайловна'],
  Николай: ['Николаевич', 'Николаевна'],
  Олег: ['Олегович', 'Олеговна'],
  Павел: ['Павлович', 'Павловна'],
  Пётр: ['Петрович', 'Петровна'],
  Роман: ['Романович', 'Романовна'],
  Сергей: ['Сергеевич', 'Сергеевна'],
  Степан: ['Степанович', 'Степановна'],
  Фёдор: ['Фёдорович', 'Фёдоровна'],
  Юрий: ['Юрьевич', 'Юрьевна'],
};

describe('demo patronymics', () => {
  it.each(Object.entries(EXPECTED))('%s → %s', (father, [male, female]) => {
    expect(patronymic(father, 'male')).toBe(male);
    expect(patronymic(father, 'female')).toBe(female);
  });

  it('knows every father of the demo', () => {
    expect(FATHERS.filter((f) => !EXPECTED[f])).toEqual([]);
  });
});

describe('demo calendar', () => {
  it('holds the August council in August and no other event in the summer holidays', () => {
    const rng = new Random(1);
    const teachers = generateTeachers(rng, DEMO_ORGANIZATIONS, '2026-12-01');
    const { events } = generateActivity(rng, DEMO_ORGANIZATIONS, teachers, '2026-12-01');
    const august = events.filter((e) => e.title.startsWith('Августовское'));
    expect(august.length).toBeGreaterThan(0);
    for (const e of august) expect(e.date.slice(5, 7)).toBe('08');
    for (const e of events.filter((e) => !e.title.startsWith('Августовское') && e.org === null))
      expect(['06', '07', '08']).not.toContain(e.date.slice(5, 7));
  });
});
