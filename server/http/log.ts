/**
 * What the server log may hold: no personal data. A failed query's error from Drizzle carries the SQL
 * parameters in its message and stack («Failed query: … params: Иванова,123-456-789 64»), and the database's
 * own errors name the values too («Key (snils)=(…) already exists», «invalid input syntax: "Иванова"»); the
 * query string of a search names the person searched for. The serializers below keep what an administrator
 * needs to find the fault — the SQL text with its placeholders, the SQLSTATE code, the constraint, the
 * table, the column, the stack frames — and nothing of the values.
 */

type Loggable = Record<string, unknown>;

/** The fields of a database error (node-postgres and PGlite alike) that name no value. */
const DATABASE_FIELDS = [
  'code',
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
];

const isDatabaseError = (error: Loggable) =>
  typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && 'severity' in error;

/** The frames of a stack without its first lines (the message, where the values are). */
const framesOf = (stack: unknown) =>
  typeof stack === 'string'
    ? stack
        .split('\n')
        .filter((line) => line.startsWith('    at '))
        .join('\n')
    : undefined;

export function serializeError(error: unknown, depth = 0): Loggable | string {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) return String(error);
  const e = error as Error & Loggable;
  const type = e.constructor?.name ?? 'Error';
  const out: Loggable = { type, stack: framesOf(e.stack) };
  if (isDatabaseError(e)) {
    for (const key of DATABASE_FIELDS) if (e[key] !== undefined) out[key] = e[key];
    out.message = `database error ${String(e.code)}`;
  } else if (typeof e.query === 'string' && 'params' in e) {
    // DrizzleQueryError: the query with its $1…$n placeholders, not the values bound to them.
    out.message = 'Failed query';
    out.query = e.query;
  } else {
    out.message = e.message;
    if (typeof e.code === 'string') out.code = e.code;
    if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  }
  if (e.cause !== undefined && depth < 5) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** The request line without its query string (a search for «Иванова» or a СНИЛС stays out of the log). */
export function serializeRequest(request: {
  method?: string;
  url?: string;
  ip?: string;
  id?: string;
}): Loggable {
  return {
    method: request.method,
    url: request.url?.split('?')[0],
    remoteAddress: request.ip,
  };
}

/** Fastify's logger option with these serializers: `true` or pino options (level, stream…). */
export function safeLogger(logger: boolean | object): boolean | object {
  if (logger === false) return false;
  const options = logger === true ? {} : (logger as Loggable);
  return {
    ...options,
    serializers: {
      ...(options.serializers as object | undefined),
      err: serializeError,
      error: serializeError,
      req: serializeRequest,
    },
  };
}
