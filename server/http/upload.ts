import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { fileTooLarge } from '../modules/exchange/workbook/file-errors.ts';

/**
 * The one file of a multipart request, read whole under `limit` bytes (the files of the import and of the
 * campaign form: PEDMONITOR_UPLOAD_MAX_MB). Over the limit the reading stops there and the answer is 413
 * naming it; without a file, 400 with `missing`.
 */
export async function uploadedFile(
  req: FastifyRequest,
  limit: number,
  missing: string,
): Promise<{ buffer: Buffer; fileName: string }> {
  const file = req.isMultipart() ? await req.file({ limits: { fileSize: limit, files: 1 } }) : undefined;
  if (!file) throw new AppError('bad_request', missing);
  try {
    return { buffer: await file.toBuffer(), fileName: file.filename };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(limit);
    throw error;
  }
}
