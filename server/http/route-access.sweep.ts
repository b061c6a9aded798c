import type { LightMyRequestResponse } from 'fastify';
import { ROUTE_CASES, urlOf, type RouteCase } from './route-access.cases.ts';
import type { Samples } from './route-access.samples.ts';
import { changedTables, responseText, type AccessWorld, type Caller } from './route-access.world.ts';

/**
 * What the sweep expects of one request: refused, leaving the database as it was, just read, answered 200,
 * or not sent.
 */
export type Expectation = 'refused' | 'unchanged' | 'read' | 'answered' | 'skip';

export const brief = (response: LightMyRequestResponse) =>
  `${response.statusCode} ${response.body.slice(0, 160).replace(/\s+/g, ' ')}`;

export const targetsRecords = (entry: RouteCase) =>
  entry.scope === 'organization' || entry.scope === 'municipality' || entry.scope === 'region';

export type Sweeper = ReturnType<typeof createSweeper>;

/** The requests of the route table against one world, and what their answers must not carry. */
export function createSweeper(world: AccessWorld) {
  async function send(who: Caller | null, key: string, entry: RouteCase, samples: Samples) {
    const [method, pattern] = key.split(' ');
    const call = entry.call(samples);
    const response = await world.call(who, {
      method,
      url: urlOf(pattern, call),
      body: call.body,
      file: call.file,
    });
    return { method, response };
  }

  /** A refusal: 403 or 404 with the error body every client reads. */
  function refusalProblem(response: LightMyRequestResponse): string | null {
    if (response.statusCode !== 403 && response.statusCode !== 404)
      return `expected 403 or 404, got ${brief(response)}`;
    const body = response.json();
    if (!['forbidden', 'not_found'].includes(body?.error?.code) || !/[а-яё]/i.test(body.error.message ?? ''))
      return `the refusal is not { error: { code, message } } in Russian: ${response.body.slice(0, 160)}`;
    return null;
  }

  // ——— personal data ———

  /** Teachers of the demo whose personal data the caller may see. */
  function allowedTeachers(who: Caller | null): Set<number> {
    const working = (organization: number) =>
      world.demoTeachers.filter((t) => t.organizations.includes(organization)).map((t) => t.id);
    switch (who) {
      case 'metodist':
        return new Set(world.demoTeachers.map((t) => t.id));
      case 'school1':
        return new Set(working(world.school1));
      case 'school5':
        return new Set(working(world.school5));
      case 'teacher':
        return new Set([world.teacherAccountTeacherId]);
      default:
        return new Set();
    }
  }

  /** Objects of a JSON answer that carry a birth date or СНИЛС, with the id they describe. */
  function personalObjects(value: unknown, found: { id: unknown; keys: string[] }[] = []) {
    if (Array.isArray(value)) for (const item of value) personalObjects(item, found);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      // Values only: the OpenAPI document describes these fields with objects, and that is no leak.
      const keys = ['birthDate', 'snils', 'email', 'phone'].filter(
        (k) => typeof record[k] === 'string' && ('birthDate' in record || 'snils' in record),
      );
      if (keys.length) found.push({ id: record.id ?? record.teacherId, keys });
      for (const item of Object.values(record)) personalObjects(item, found);
    }
    return found;
  }

  /**
   * What in an answer the caller may not see: others' СНИЛС, birth dates and contacts, and — across
   * municipalities — names.
   */
  async function leaksIn(
    who: Caller | null,
    response: LightMyRequestResponse,
    isPublic = false,
  ): Promise<string[]> {
    // Refusals are read too: an error message must not name what the caller may not see either.
    const text = await responseText(response);
    const allowed = allowedTeachers(who);
    const problems: string[] = [];
    for (const teacher of world.demoTeachers) {
      if (allowed.has(teacher.id)) continue;
      const found = teacher.personal.find((value) => text.includes(value));
      if (found) problems.push(`«${found}» of teacher ${teacher.id}`);
    }
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    if (isJson && text) {
      const foreignTeacher = who === 'foreign' ? world.foreign.teacherId : -1;
      for (const object of personalObjects(JSON.parse(text))) {
        if (typeof object.id === 'number' && (allowed.has(object.id) || object.id === foreignTeacher))
          continue;
        problems.push(`${object.keys.join(', ')} of teacher ${String(object.id)}`);
      }
    }
    if (who === 'regional') {
      // Aggregates only: a regional coordinator without the personal-data grant sees no teacher by name either.
      const seen = world.demoTeachers.map((t) => t.fullName).filter((name) => text.includes(name));
      if (seen.length) problems.push(`names of teachers: ${seen.slice(0, 3).join('; ')}`);
    }
    if (who === 'foreign' || who === 'foreignRegional' || who === null) {
      // A published report names the district and its schools by design; teachers never.
      const names = who === null || isPublic ? world.demoTeachers.map((t) => t.fullName) : world.demoNames;
      const seen = names.filter((name) => text.includes(name));
      if (seen.length) problems.push(`names of the demo district: ${seen.slice(0, 3).join('; ')}`);
    }
    return problems.slice(0, 3);
  }

  // ——— the sweep ———

  /**
   * Calls every route as `who` against `samples`: what `expect` says must be refused is refused and writes
   * nothing, what must leave the database as it is does, and every answer is searched for personal data.
   * Reads go first, so the fingerprint taken before each write is not disturbed by the audit entries of reads.
   */
  async function sweep(
    who: Caller,
    samples: Samples,
    expectation: (key: string, entry: RouteCase, method: string) => Expectation,
  ): Promise<string[]> {
    const failures: string[] = [];
    const entries = Object.entries(ROUTE_CASES).filter(([, entry]) => !entry.endsSession);
    const reads = entries.filter(([key]) => key.startsWith('GET '));
    const writes = entries.filter(([key]) => !key.startsWith('GET '));
    for (const [key, entry] of reads) {
      const wanted = expectation(key, entry, 'GET');
      if (wanted === 'skip') continue;
      const { response } = await send(who, key, entry, samples);
      const problem = wanted === 'refused' ? refusalProblem(response) : null;
      if (problem) failures.push(`${key}: ${problem}`);
      if (wanted === 'answered' && response.statusCode !== 200)
        failures.push(`${key}: expected 200, got ${brief(response)}`);
      else if (response.statusCode >= 500) failures.push(`${key}: ${brief(response)}`);
      for (const leak of await leaksIn(who, response, entry.scope === 'public'))
        failures.push(`${key}: leaks ${leak}`);
    }
    let before = await world.fingerprint();
    for (const [key, entry] of writes) {
      const wanted = expectation(key, entry, key.split(' ')[0]);
      if (wanted === 'skip') continue;
      const { response } = await send(who, key, entry, samples);
      const after = await world.fingerprint();
      const problem = wanted === 'refused' ? refusalProblem(response) : null;
      if (problem) failures.push(`${key}: ${problem}`);
      if (response.statusCode >= 500) failures.push(`${key}: ${brief(response)}`);
      const changed = changedTables(before, after);
      if (changed.length)
        failures.push(`${key}: changed ${changed.join(', ')} (answered ${brief(response)})`);
      for (const leak of await leaksIn(who, response)) failures.push(`${key}: leaks ${leak}`);
      before = after;
    }
    return failures;
  }

  return { send, refusalProblem, leaksIn, sweep };
}
