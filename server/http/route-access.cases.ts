import { JOURNEY_CASES } from './route-access.journey-cases.ts';
import { METHODICAL_CASES } from './route-access.methodical-cases.ts';
import { MONITORING_CASES } from './route-access.monitoring-cases.ts';
import { REGISTRY_CASES } from './route-access.registry-cases.ts';
import { SURVEY_CASES } from './route-access.survey-cases.ts';
import type { Call, RouteCase } from './route-access.scopes.ts';

export type { Call, RouteCase, Scope } from './route-access.scopes.ts';

/**
 * Every route of the API, with what it reaches and a real request against the demo district. The sweep in
 * route-access.test.ts calls each route as an anonymous user, as the coordinator of another municipality,
 * as the manager of another school, as a teacher and as an association leader, and fails on a route that
 * has no entry here — so a new route is checked from the day it is added.
 *
 * The table is kept in four parts by meaning: route-access.registry-cases.ts (the session, accounts,
 * organizations, teachers and their records, the registers), route-access.monitoring-cases.ts (programs,
 * campaigns, analysis, the roadmap, documents), route-access.journey-cases.ts (the teacher's support:
 * association meetings, the ИОМ builder and its approvals, the resource catalog, the cabinet) and
 * route-access.methodical-cases.ts (the banks of practices and of difficulties).
 *
 * Adding a route: add `'METHOD /api/pattern': scope(...)` to its part (the helpers are in
 * route-access.scopes.ts), choosing the scope by whose data it reaches:
 * - `organization(call)` — a record of one organization or of its teachers (the call names one of the
 *   sample organization's records): refused to other municipalities and to other organizations' managers;
 * - `municipality(call)` — a record of the municipality as a whole (programs, campaigns, РМО…): refused to
 *   other municipalities;
 * - `caller(call)` — about the caller itself, or a list answered within the caller's own scope;
 * - `catalog(call)` — shared by every municipality (deficits, providers, templates);
 * - `publicRoute(reason, call)` — answered without a session (rare: say why).
 * Give `call` params, query and a body that passes the route's schema, so the request reaches the
 * authorization check rather than stopping at validation; `personal: true` marks reads of teachers'
 * personal data (refused to the teacher role for colleagues).
 */
export const ROUTE_CASES: Record<string, RouteCase> = joinParts({
  registry: REGISTRY_CASES,
  monitoring: MONITORING_CASES,
  journeys: JOURNEY_CASES,
  methodical: METHODICAL_CASES,
  surveys: SURVEY_CASES,
});

/** The parts in this order (the sweep's order), refusing a route that two parts both describe. */
function joinParts(parts: Record<string, Record<string, RouteCase>>): Record<string, RouteCase> {
  const table: Record<string, RouteCase> = {};
  const partOf = new Map<string, string>();
  for (const [name, part] of Object.entries(parts)) {
    for (const [key, entry] of Object.entries(part)) {
      if (partOf.has(key))
        throw new Error(`«${key}» is in both the ${partOf.get(key)} and the ${name} cases`);
      partOf.set(key, name);
      table[key] = entry;
    }
  }
  return table;
}

/** The URL of a call: the pattern with its parameters filled in, and the query. */
export function urlOf(pattern: string, call: Call): string {
  const path = pattern.replace(/:(\w+)|\*/g, (match, name?: string) => {
    const value = call.params?.[name ?? '*'];
    if (value === undefined) throw new Error(`${pattern}: the call gives no value for ${match}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(
    Object.entries(call.query ?? {}).map(([key, value]) => [key, String(value)]),
  ).toString();
  return query ? `${path}?${query}` : path;
}
