import type { Samples } from './route-access.samples.ts';
import type { Caller, UploadFile } from './route-access.world.ts';

/** The vocabulary of the route table (route-access.cases.ts): scopes, calls and the small helpers of its parts. */
export type Scope = 'organization' | 'municipality' | 'region' | 'caller' | 'catalog' | 'public';

export interface Call {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  file?: UploadFile;
}

export interface RouteCase {
  scope: Scope;
  call: (s: Samples) => Call;
  /** A read of teachers' personal data (birth date, СНИЛС, contacts, records). */
  personal?: boolean;
  /**
   * A read of a municipality's aggregates (its programs, campaigns, computed results): answered 200 to a
   * regional coordinator of the municipality's region, which reaches nothing else of it by default.
   */
  aggregate?: boolean;
  /** Why the route answers without a session. */
  reason?: string;
  /** Logs the caller out: checked anonymously only. */
  endsSession?: boolean;
  /** Who may make this request against the samples (default: the coordinator of the demo district). */
  owner?: Caller;
}

type Options = Pick<RouteCase, 'personal' | 'owner' | 'endsSession' | 'aggregate'>;
export const none = (): Call => ({});
export const organization = (call: RouteCase['call'], options: Options = {}): RouteCase => ({
  scope: 'organization',
  call,
  ...options,
});
export const municipality = (call: RouteCase['call'], options: Options = {}): RouteCase => ({
  scope: 'municipality',
  call,
  ...options,
});
/** A record of a region (its published programs, its roll-up): owned by its regional coordinator. */
export const region = (call: RouteCase['call'], options: Options = {}): RouteCase => ({
  scope: 'region',
  call,
  owner: 'regional',
  ...options,
});
export const caller = (call: RouteCase['call'] = none, options: Options = {}): RouteCase => ({
  scope: 'caller',
  call,
  ...options,
});
export const catalog = (call: RouteCase['call'] = none): RouteCase => ({ scope: 'catalog', call });
export const publicRoute = (
  reason: string,
  call: RouteCase['call'] = none,
  options: Options = {},
): RouteCase => ({
  scope: 'public',
  reason,
  call,
  ...options,
});

/** The version of a sample record as the demo or the samples wrote it. */
export const v = { version: 1 };
export const id = (value: number | string) => ({ params: { id: value } });
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
