import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  diffDefinitions,
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
  type ProgramFile,
} from '../../../core/programs/program-file.ts';
import { findTemplate, PROGRAM_TEMPLATES } from '../../../core/templates/index.ts';
import { createMunicipality, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
const ids = { m1: 0, m2: 0, region: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'program-files-password-1';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  Object.assign(ids, { m1: m1.id, m2: m2.id });
  const users = {
    coord1: [{ role: 'coordinator' as const, municipalityId: m1.id }],
    coord2: [{ role: 'coordinator' as const, municipalityId: m2.id }],
  };
  for (const [login, grants] of Object.entries(users)) {
    await createUser(db, { login, password: PASSWORD, grants });
    cookies[login] = await t.login(login, PASSWORD);
  }
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
  t.request({ method, url, cookie: cookies[who], body });

const loadTemplate = async (who: string, municipalityId: number, templateCode: string) => {
  const response = await call(who, 'POST', '/api/programs/from-template', { municipalityId, templateCode });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: number; title: string };
};

const exportFile = async (who: string, programId: number) => {
  const response = await call(who, 'GET', `/api/programs/${programId}/file`);
  expect(response.statusCode).toBe(200);
  return { response, file: response.json() as ProgramFile };
};

const importFile = (who: string, municipalityId: number, content: string, dryRun = false) =>
  call(who, 'POST', '/api/programs/import', { municipalityId, content, dryRun });

const programCount = async (who: string, municipalityId: number) =>
  (await call(who, 'GET', `/api/programs?municipalityId=${municipalityId}`)).json().length as number;

describe('programs as files', () => {
  it.each(PROGRAM_TEMPLATES.map((template) => [template.code]))(
    'the seed template %s is exported and imported into another municipality unchanged',
    async (code) => {
      const template = findTemplate(code)!;
      const loaded = await loadTemplate('coord1', ids.m1, code);
      const { response, file } = await exportFile('coord1', loaded.id);
      const disposition = String(response.headers['content-disposition']);
      const fileName = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]);
      expect(fileName.startsWith(loaded.title.slice(0, 60))).toBe(true);
      expect(fileName).toMatch(/ \(\d{4}-\d{2}-\d{2}\)\.json$/);
      expect(file).toMatchObject({ format: PROGRAM_FILE_FORMAT, formatVersion: PROGRAM_FILE_VERSION });
      // The file holds everything the template wrote: criteria, indicators, applicability, rules, the form.
      expect(file.program).toEqual({ ...templateToDefinition(template), title: loaded.title });

      const imported = await importFile('coord2', ids.m2, JSON.stringify(file));
      expect(imported.statusCode).toBe(201);
      const report = imported.json();
      expect(report.counts.indicators).toBe(template.criteria.flatMap((c) => c.indicators).length);
      const again = await exportFile('coord2', report.programId);
      expect(again.file.program).toEqual(file.program);
      expect(diffDefinitions(file.program, again.file.program)).toEqual([]);
    },
  );

  it('carries targets and applicability set in the editor', async () => {
    const loaded = await loadTemplate('coord1', ids.m1, 'seed-001-egorlyksky');
    const tree = (await call('coord1', 'GET', `/api/programs/${loaded.id}`)).json();
    const indicator = tree.criteria[0].indicators[0];
    const patched = await call('coord1', 'PATCH', `/api/indicators/${indicator.id}`, {
      targets: { '2024': 15, '2025': 20 },
      applicability: { kinds: ['school'], groups: ['lowResults'] },
      version: indicator.version,
    });
    expect(patched.statusCode).toBe(200);
    const { file } = await exportFile('coord1', loaded.id);
    const imported = (await importFile('coord2', ids.m2, JSON.stringify(file))).json();
    const copy = (await call('coord2', 'GET', `/api/programs/${imported.programId}`)).json();
    expect(copy.criteria[0].indicators[0]).toMatchObject({
      targets: { '2024': 15, '2025': 20 },
      applicability: { kinds: ['school'], groups: ['lowResults'] },
    });
  });

  it('reports what differs from the municipality’s program of the same title, and a dry run writes nothing', async () => {
    const loaded = await loadTemplate('coord1', ids.m1, 'seed-004-myasnikovsky');
    const { file } = await exportFile('coord1', loaded.id);
    const criterion = file.program.criteria.find((c) => c.indicators.length >= 2)!;
    const [first, second] = criterion.indicators;
    first.numerator = `${first.numerator} + 0`;
    criterion.indicators = [first, { ...second, code: '9.9', name: 'Новый показатель района' }];
    file.program.recommendationRules = file.program.recommendationRules.filter(
      (r) => r.indicatorCode !== second.code,
    );
    file.program.recommendationRules.push({
      indicatorCode: '9.9',
      level: 'low',
      target: 'organization',
      text: 'Провести семинар.',
    });
    file.program.formFields.push({
      code: 'district_extra',
      label: 'Дополнительное поле района',
      type: 'integer',
      unit: null,
      hint: null,
      isRequired: false,
      min: 0,
      max: null,
      notGreaterThan: null,
    });
    const before = await programCount('coord1', ids.m1);
    const response = await importFile('coord1', ids.m1, JSON.stringify(file), true);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.programId).toBeNull();
    expect(report.comparedWith).toEqual({ id: loaded.id, title: loaded.title });
    expect(report.title).not.toBe(loaded.title);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        {
          kind: 'changed',
          subject: `Показатель ${first.code} «${first.name}»`,
          detail: expect.stringMatching(/^Числитель: .+ → .+ \+ 0$/),
        },
        { kind: 'removed', subject: `Показатель ${second.code} «${second.name}»` },
        { kind: 'added', subject: 'Показатель 9.9 «Новый показатель района»' },
        { kind: 'added', subject: 'Поле формы district_extra «Дополнительное поле района»' },
        {
          kind: 'added',
          subject: 'Рекомендация по показателю 9.9 (уровень «низкий», организациям)',
        },
      ]),
    );
    expect(await programCount('coord1', ids.m1)).toBe(before);
  });

  it('refuses a broken file in Russian, naming the place, and writes nothing', async () => {
    const valid: ProgramFile = {
      format: PROGRAM_FILE_FORMAT,
      formatVersion: PROGRAM_FILE_VERSION,
      exportedAt: '2026-12-02',
      exportedBy: 'Тест',
      programVersion: 1,
      program: templateToDefinition(findTemplate('seed-002-zhirnovsky')!),
    };
    const edited = (edit: (f: ProgramFile) => void) => {
      const copy = structuredClone(valid);
      edit(copy);
      return JSON.stringify(copy);
    };
    const before = await programCount('coord2', ids.m2);
    const cases: [string, string | RegExp][] = [
      ['{ not json', /это не JSON/],
      [JSON.stringify({ hello: 1 }), /Это не файл программы мониторинга pedmonitor/],
      [edited((f) => Object.assign(f, { formatVersion: 2 })), /Версия файла программы 2 не поддерживается/],
      [
        edited((f) => (f.program.criteria[1].indicators[0].numerator = 'teachers(')),
        /Показатель .+: Числитель:/,
      ],
      [
        edited((f) => (f.program.criteria[0].indicators[0].unit = 'percents' as 'percent')),
        /program\.criteria\[1\]\.indicators\[1\]\.unit: /,
      ],
      [
        edited((f) => f.program.criteria[0].indicators.push({ ...f.program.criteria[0].indicators[0] })),
        /встречается в файле дважды/,
      ],
      [
        edited((f) => (f.program.criteria[0].indicators[0].numerator = 'form("missing_field")')),
        /читает поле формы «missing_field», которого нет в файле/,
      ],
      [
        edited((f) => (f.program.recommendationRules[0].indicatorCode = '77.7')),
        /показателю «77\.7», которого нет в файле/,
      ],
    ];
    for (const [content, message] of cases) {
      const response = await importFile('coord2', ids.m2, content);
      expect(response.statusCode, content.slice(0, 60)).toBe(400);
      const error = response.json().error;
      expect(`${error.message} ${(error.details?.problems ?? []).join(' ')}`).toMatch(message);
    }
    expect(await programCount('coord2', ids.m2)).toBe(before);
  });

  it('another municipality can neither export nor import into ours', async () => {
    const loaded = await loadTemplate('coord1', ids.m1, 'seed-003-khorolsky');
    expect((await call('coord2', 'GET', `/api/programs/${loaded.id}/file`)).statusCode).toBe(403);
    const { file } = await exportFile('coord1', loaded.id);
    expect((await importFile('coord2', ids.m1, JSON.stringify(file))).statusCode).toBe(403);
  });
});
