import { describe, expect, it } from 'vitest';
import { draftConclusions, draftRecommendations, type AnalysisInput } from './drafts.ts';
import { checkEvidence, describeDiscrepancy } from './evidence.ts';
import { clusterOrganizations, rateOrganizations } from './scores.ts';
import { describeValues } from './statistics.ts';
import { themeOf } from './themes.ts';

const organizations = [
  { id: 1, name: 'МБОУ СОШ № 1' },
  { id: 2, name: 'МБОУ СОШ № 2' },
  { id: 3, name: 'МБОУ СОШ № 3' },
];
const input: AnalysisInput = {
  indicators: [
    {
      code: 'R',
      name: 'Доля педагогов с ИОМ',
      unit: 'percent',
      direction: 'higher',
      numerator: 'teachers(route(fromDiagnostic))',
      levelHigh: 80,
      levelMedium: 50,
    },
    { code: 'V', name: 'Количество вакансий', unit: 'count', direction: 'lower', numerator: 'vacancies()' },
    {
      code: 'U',
      name: 'ПК по воспитанию',
      unit: 'percent',
      direction: 'higher',
      numerator: 'teachers(trained(topic = upbringing))',
      levelHigh: 30,
      levelMedium: 20,
    },
  ],
  organizations,
  results: [
    { indicator: 'R', organization: 1, value: 0, level: 'low' },
    { indicator: 'R', organization: 2, value: 40, level: 'medium' },
    { indicator: 'R', organization: 3, value: 0, level: 'low' },
    { indicator: 'R', organization: null, value: 18, level: 'low' },
    { indicator: 'V', organization: 1, value: 2, level: 'low' },
    { indicator: 'V', organization: 2, value: 0, level: 'high' },
    { indicator: 'V', organization: 3, value: 0, level: 'high' },
    { indicator: 'V', organization: null, value: 2, level: 'low' },
    { indicator: 'U', organization: 1, value: 10, level: 'low' },
    { indicator: 'U', organization: 2, value: 30, level: 'high' },
    { indicator: 'U', organization: 3, value: 25, level: 'medium' },
    { indicator: 'U', organization: null, value: 18.18, level: 'low' },
  ],
  previous: { year: 2024, results: [{ indicator: 'U', organization: null, value: 9.5, level: 'low' }] },
};

describe('themes read from formulas', () => {
  it.each([
    ['teachers(diagnosed(level = municipal))', 'diagnostics'],
    ['teachers(route(curator))', 'routes'],
    ['vacancies()', 'staffing'],
    ['teachers(orgKind = school, young, (mentee or member(type = young_school) or event))', 'young'],
    ['teachers(trained(topic = talents))', 'training:talents'],
    ['acts(kind = mentoring, level = municipal)', 'acts:mentoring'],
    ['teachers(member)', 'network'],
    ['form("x")', 'generic'],
    ['associations()', 'associations'],
    ['associations(level = institutional)', 'associations'],
    ['associations(level = municipal)', 'generic'],
  ])('%s → %s', (formula, key) => expect(themeOf(formula).key).toBe(key));
});

describe('conclusions drafted from the indicators themselves', () => {
  it('names the indicators, the organizations with their values, the municipal value and the dynamics', () => {
    const texts = draftConclusions(input).map((c) => c.text);
    expect(texts).toEqual([
      'Низкий уровень показателя R «Доля педагогов с ИОМ» в 2 ОО: МБОУ СОШ № 1 (0,0\u00a0%), МБОУ СОШ № 3 (0,0\u00a0%).',
      'Показатель V «Количество вакансий» больше нуля в 1 ОО: МБОУ СОШ № 1 (2).',
      'Низкий уровень показателя U «ПК по воспитанию» в 1 ОО: МБОУ СОШ № 1 (10,0\u00a0%).',
      'Низкий уровень показателя R «Доля педагогов с ИОМ» по муниципалитету в целом (18,0\u00a0%).',
      'Показатель V «Количество вакансий» по муниципалитету в целом больше нуля: 2.',
      'Низкий уровень показателя U «ПК по воспитанию» по муниципалитету в целом (18,2\u00a0%).',
      'Показатель U «ПК по воспитанию» улучшился: 9,5\u00a0% в 2024 г. → 18,2\u00a0%.',
    ]);
  });

  it('keeps the organizations and values a conclusion rests on, and finds what changed since', () => {
    const [first] = draftConclusions(input);
    expect(first.evidence).toEqual({
      claim: 'low',
      items: [
        { indicator: 'R', organization: 1, value: 0, level: 'low' },
        { indicator: 'R', organization: 3, value: 0, level: 'low' },
      ],
    });
    expect(checkEvidence(first.evidence, input.results)).toEqual([]);
    const changed = input.results.map((r) =>
      r.indicator === 'R' && r.organization === 3 ? { ...r, value: 85, level: 'high' as const } : r,
    );
    const found = checkEvidence(first.evidence, changed);
    expect(found).toEqual([{ indicator: 'R', organization: 3, stated: 0, actual: 85, reason: 'claim' }]);
    expect(describeDiscrepancy(found[0], { organization: () => 'МБОУ СОШ № 3', unit: () => 'percent' })).toBe(
      'МБОУ СОШ № 3, показатель R: указано 0,0\u00a0%, сейчас 85,0\u00a0% — вывод не подтверждается',
    );
    const slightly = input.results.map((r) =>
      r.indicator === 'R' && r.organization === 3 ? { ...r, value: 10 } : r,
    );
    expect(checkEvidence(first.evidence, slightly)[0].reason).toBe('changed');
  });

  it('never names an organization the indicator does not apply to', () => {
    const withKindergarten: AnalysisInput = {
      ...input,
      organizations: [...organizations, { id: 4, name: 'МБДОУ д/с № 1' }],
      results: [
        ...input.results,
        { indicator: 'R', organization: 4, value: null, level: null, isApplicable: false },
        { indicator: 'V', organization: 4, value: null, level: null, isApplicable: false },
        { indicator: 'U', organization: 4, value: null, level: null, isApplicable: false },
      ],
    };
    const drafts = draftConclusions(withKindergarten);
    expect(drafts.some((d) => d.organizationIds.includes(4) || d.text.includes('д/с'))).toBe(false);
  });

  it('merges the same claim about the same organizations into one sentence naming both indicators', () => {
    const twin: AnalysisInput = {
      indicators: [
        { code: '5.1', name: 'Вакансии', unit: 'count', direction: 'lower', numerator: 'vacancies()' },
        {
          code: '5.4',
          name: 'Вакансии учителей',
          unit: 'count',
          direction: 'lower',
          numerator: 'vacancies()',
        },
      ],
      organizations,
      results: ['5.1', '5.4'].flatMap((code) => [
        { indicator: code, organization: 1, value: 2, level: null },
        { indicator: code, organization: 2, value: 0, level: null },
        { indicator: code, organization: 3, value: 0, level: null },
      ]),
    };
    const drafts = draftConclusions(twin);
    expect(drafts.map((d) => d.text)).toEqual([
      'Показатели 5.1 «Вакансии» и 5.4 «Вакансии учителей» больше нуля в 1 ОО: МБОУ СОШ № 1 (2; 2).',
    ]);
    expect(drafts[0].evidence.items.map((i) => i.indicator)).toEqual(['5.1', '5.4']);
  });
});

describe('addressed recommendations', () => {
  it('goes to each organization with the problem and to the municipality; a program rule overrides the default', () => {
    const recommendations = draftRecommendations(input, [
      {
        indicatorCode: 'V',
        level: 'low',
        target: 'organization',
        text: 'Закрыть вакансии через целевое обучение.',
      },
    ]);
    expect(recommendations.filter((r) => r.organizationId === 1).map((r) => r.text)).toEqual([
      'Внедрить ИОМ педагогов, разработанные на основе диагностики профессиональных дефицитов, с куратором и тьютором.',
      'Закрыть вакансии через целевое обучение.',
      'Направить педагогов на курсы повышения квалификации по вопросам организации воспитания обучающихся (ЦНППМ, ИРО, Академия Минпросвещения).',
    ]);
    expect(recommendations.filter((r) => r.organizationId === 2)).toEqual([]);
    expect(recommendations.filter((r) => r.organizationId === null).map((r) => r.indicatorCode)).toEqual([
      'R',
      'V',
      'U',
    ]);
  });
});

describe('statistics, rating and clusters', () => {
  it('describes values: quartiles, spread, variation', () => {
    expect(describeValues([10, 20, 30, 40, null])).toMatchObject({
      count: 4,
      mean: 25,
      median: 25,
      min: 10,
      max: 40,
      range: 30,
    });
    expect(describeValues([null])).toBeNull();
  });

  it('rates organizations by the composite score; lower-is-better indicators are reversed; ties share a place', () => {
    const profiles = organizations.map((o) => ({
      organizationId: o.id,
      name: o.name,
      values: ['R', 'V'].map(
        (c) => input.results.find((r) => r.indicator === c && r.organization === o.id)!.value,
      ),
    }));
    const axes = [
      { code: 'R', name: 'R', direction: 'higher' as const },
      { code: 'V', name: 'V', direction: 'lower' as const },
    ];
    const rating = rateOrganizations(profiles, axes);
    expect(rating.map((r) => [r.name, r.score, r.place])).toEqual([
      ['МБОУ СОШ № 2', 100, 1],
      ['МБОУ СОШ № 3', 50, 2],
      ['МБОУ СОШ № 1', 0, 3],
    ]);
  });

  it('groups similar organizations and describes each group in Russian, deterministically', () => {
    const profiles = Array.from({ length: 9 }, (_, i) => ({
      organizationId: i + 1,
      name: `ОО ${i + 1}`,
      values: i < 3 ? [90, 85] : i < 6 ? [50, 45] : [5, 10],
    }));
    const axes = [
      { code: '1.1', name: 'a', direction: 'higher' as const },
      { code: '2.1', name: 'b', direction: 'higher' as const },
    ];
    const clusters = clusterOrganizations(profiles, axes, 3);
    expect(clusters.map((c) => c.organizationIds)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(clusters[0].title).toBe('Сильные позиции');
    expect(clusters[0].description).toBe(
      '3 ОО: выше, чем у остальных, показатели 1.1, 2.1. Средний нормированный уровень — 100 из 100.',
    );
    expect(clusters[2].description).toMatch(/^3 ОО: ниже, чем у остальных, показатели 1\.1, 2\.1/);
    expect(clusterOrganizations(profiles, axes, 3)).toEqual(clusters);
  });
});
