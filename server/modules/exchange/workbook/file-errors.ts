import { formatNumber } from '../../../../core/format.ts';
import { AppError } from '../../../errors.ts';

/** How a file is refused: 413 over a limit, 400 when it is not what it says it is. Nothing is written. */

export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, bytes % (1024 * 1024) ? 1 : 0)} МБ`
    : `${formatNumber(bytes / 1024, 0)} КБ`;

export const tooLarge = (message: string) => new AppError('payload_too_large', message);

export const unreadable = () =>
  new AppError(
    'bad_request',
    'Файл не читается как книга Excel (.xlsx): он повреждён или это не книга. Сохраните его в Excel как «Книга Excel».',
  );

export const tooManyRows = (where: string, limit: number) =>
  tooLarge(
    `${where}: больше ${formatNumber(limit, 0)} строк с данными. Разделите данные на несколько файлов ` +
      'или удалите лишние строки.',
  );

export const fileTooLarge = (limit: number) =>
  tooLarge(`Файл слишком велик: допускается до ${formatBytes(limit)}. Разделите данные на несколько файлов.`);
