import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../../../core/request-header.ts';

/** The one way the web app talks to the server: JSON over fetch, errors as ApiError with the server's Russian message. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function withParams(url: string, params?: Params): string {
  if (!params) return url;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  // An address that already has a query (a filtered list) gets the parameters after «&».
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

async function request<T>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ data: T; response: Response }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined || body instanceof FormData
          ? { [REQUEST_HEADER]: REQUEST_HEADER_VALUE }
          : { [REQUEST_HEADER]: REQUEST_HEADER_VALUE, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к интернету и повторите.');
  }
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (data as { error?: { code: string; message: string; details: unknown } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `Ошибка сервера (${response.status}). Повторите попытку позже.`,
      error?.details ?? null,
    );
  }
  return { data: data as T, response };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: async <T>(url: string, params?: Params) => (await request<T>('GET', withParams(url, params))).data,
  /** A page of a list: the rows and the total from X-Total-Count. */
  list: async <T>(url: string, params?: Params): Promise<ListResult<T>> => {
    const { data, response } = await request<T[]>('GET', withParams(url, params));
    return { items: data, total: Number(response.headers.get('X-Total-Count') ?? data.length) };
  },
  post: async <T>(url: string, body?: unknown) => (await request<T>('POST', url, body ?? {})).data,
  patch: async <T>(url: string, body: unknown) => (await request<T>('PATCH', url, body)).data,
  put: async <T>(url: string, body: unknown) => (await request<T>('PUT', url, body)).data,
  delete: async <T>(url: string) => (await request<T>('DELETE', url)).data,
};
