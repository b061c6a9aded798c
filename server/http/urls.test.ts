import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWebUrl } from '../../core/url.ts';
import { createWorld, expectError, type World } from '../modules/registers/shared/test-world.ts';

/** Every link field of the API takes web addresses only: a `javascript:` link would run in the reader's browser. */
let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

const BAD = [
  'javascript:alert(document.cookie)',
  'JavaScript://example.ru/%0aalert(1)',
  'data:text/html,<b>',
  'file:///etc/passwd',
];

describe('links', () => {
  it('only http and https addresses with a host are web addresses', () => {
    expect(isWebUrl('https://minobr.example.ru/npa/112.pdf')).toBe(true);
    expect(isWebUrl('http://cnppm.example.ru/courses?id=5#top')).toBe(true);
    for (const url of [...BAD, 'https://', 'https://exa mple.ru', 'ftp://files.example.ru/a', 'example.ru'])
      expect(isWebUrl(url), url).toBe(false);
  });

  it('a decision, a measure’s evidence, an ИОМ resource and a normative act refuse other links, naming the field', async () => {
    const cases: [string, object, string][] = [
      [
        '/api/decisions',
        { municipalityId: w.m1, kind: 'order', date: '2026-01-10', title: 'Приказ' },
        '«Ссылка на решение»',
      ],
      [
        '/api/roadmaps/1/measures',
        {
          section: '1',
          number: '1.1',
          title: 'Семинар',
          deadlineKind: 'as_needed',
          executors: 'Отдел образования',
          evidence: [{ title: 'Публикация' }],
        },
        '«Ссылка на подтверждение»',
      ],
      ['/api/deficit-resources', { deficitCode: 'П-01', kind: 'course', title: 'Курс' }, '«Ссылка»'],
      [
        '/api/normative-acts',
        {
          kind: 'mentoring',
          number: '1',
          date: '2025-08-29',
          validFrom: '2025-09-01',
          title: 'Положение',
          municipalityId: w.m1,
        },
        '«Ссылка»',
      ],
    ];
    for (const [url, body, field] of cases) {
      for (const link of BAD) {
        const withLink =
          'evidence' in body
            ? { ...body, evidence: [{ title: 'Публикация', url: link }] }
            : { ...body, url: link };
        const response = await w.post('coord1', url, withLink);
        expectError(response, 400);
        expect(response.json().error.message, `${url} ${link}`).toContain(
          `${field}: укажите адрес страницы, начинающийся с http:// или https://`,
        );
      }
    }
    const ok = await w.post('coord1', '/api/normative-acts', {
      kind: 'mentoring',
      number: '2',
      date: '2025-08-29',
      validFrom: '2025-09-01',
      title: 'Положение о наставничестве',
      municipalityId: w.m1,
      url: 'https://minobr.example.ru/npa/2.pdf',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const cleared = await w.post('coord1', '/api/decisions', {
      municipalityId: w.m1,
      kind: 'order',
      date: '2026-01-10',
      title: 'Приказ без ссылки',
      url: '',
    });
    expect(cleared.statusCode, cleared.body).toBe(201);
    expect(cleared.json().url).toBeNull();
  });
});
