import { REQUEST_HEADER, REQUEST_HEADER_VALUE } from '../../../../core/request-header.ts';
import { ApiError } from '../../api/client.ts';

/** Shapes of the exchange API (mirrors server/modules/exchange/exchange.schema.ts). */

export interface ImportCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface ImportChange {
  row: number | null;
  id: number | null;
  label: string;
  fields?: { column: string; before: string; after: string }[];
  note?: string;
}

export interface ImportSheetPreview {
  sheet: string;
  isPresent: boolean;
  counts: ImportCounts;
  added: ImportChange[];
  changed: ImportChange[];
  removed: ImportChange[];
  isTruncated: boolean;
}

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  message: string;
  problem: string;
}

export interface ImportPreview {
  importId: string;
  organizationId: number;
  organizationName: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  expiresAt: string;
  canApply: boolean;
  totals: ImportCounts;
  sheets: ImportSheetPreview[];
  errors: ImportError[];
  errorCount: number;
}

export interface ImportResult {
  added: number;
  changed: number;
  removed: number;
  sheets: { sheet: string; added: number; changed: number; removed: number }[];
}

/** The server's limit of one upload (server/app.ts, @fastify/multipart). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const workbookUrl = (organizationId: number, isTemplate = false) =>
  `/api/organizations/${organizationId}/workbook${isTemplate ? '?template=1' : ''}`;

function errorOf(xhr: XMLHttpRequest): ApiError {
  let body: { error?: { code: string; message: string; details: unknown } } | null = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    body = null;
  }
  if (xhr.status === 413)
    return new ApiError(
      413,
      'too_large',
      'Файл больше 50 МБ: разделите его на несколько книг или листов CSV.',
    );
  return new ApiError(
    xhr.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `Ошибка сервера (${xhr.status}). Повторите попытку позже.`,
    body?.error?.details ?? null,
  );
}

/**
 * Sends a file for checking. XMLHttpRequest rather than fetch: only it reports how much of the body is sent,
 * which a 20 МБ workbook on a school's connection needs.
 */
export function uploadForPreview(
  organizationId: number,
  file: File,
  onProgress: (sent: number) => void,
): Promise<ImportPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/organizations/${organizationId}/imports`);
    xhr.withCredentials = true;
    xhr.setRequestHeader(REQUEST_HEADER, REQUEST_HEADER_VALUE);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as ImportPreview);
      else reject(errorOf(xhr));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к интернету и повторите.'),
      );
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}
