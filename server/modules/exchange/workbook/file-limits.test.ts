import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { DEFAULT_FILE_LIMITS, fileLimitsFrom, loadConfig } from '../../../config.ts';
import { AppError } from '../../../errors.ts';
import { checkZipDirectory } from './zip-entries.ts';

const MB = 1024 * 1024;

describe('the limits of files in the configuration', () => {
  it('defaults: 20 MB upload, 200 MB unpacked (100 MB a part), ratio 100, 100,000 rows, 200 errors listed', () => {
    expect(loadConfig({}).fileLimits).toEqual({
      uploadBytes: 20 * MB,
      unzippedBytes: 200 * MB,
      entryBytes: 100 * MB,
      compressionRatio: 100,
      rowsPerSheet: 100_000,
      errorsListed: 200,
    });
  });

  it('reads every variable, megabytes with a decimal comma too, and refuses nonsense in Russian', () => {
    expect(
      fileLimitsFrom({
        PEDMONITOR_UPLOAD_MAX_MB: '0,5',
        PEDMONITOR_UNZIPPED_MAX_MB: '50',
        PEDMONITOR_UNZIPPED_ENTRY_MAX_MB: '10',
        PEDMONITOR_COMPRESSION_RATIO_MAX: '40',
        PEDMONITOR_IMPORT_MAX_ROWS: '1000',
        PEDMONITOR_IMPORT_ERRORS_LISTED: '50',
      }),
    ).toEqual({
      uploadBytes: MB / 2,
      unzippedBytes: 50 * MB,
      entryBytes: 10 * MB,
      compressionRatio: 40,
      rowsPerSheet: 1000,
      errorsListed: 50,
    });
    expect(() => fileLimitsFrom({ PEDMONITOR_IMPORT_MAX_ROWS: 'много' })).toThrow(
      'Некорректное значение PEDMONITOR_IMPORT_MAX_ROWS: «много». Укажите положительное число.',
    );
    expect(() => fileLimitsFrom({ PEDMONITOR_UPLOAD_MAX_MB: '0' })).toThrow(/положительное число/);
  });

  it('the declared total of the parts is held to the limit of the file even when each part is small', () => {
    const parts: Record<string, Uint8Array> = {};
    // Incompressible: the ratio is not what refuses it.
    for (let i = 0; i < 5; i++)
      parts[`xl/part${i}.bin`] = strToU8(
        Array.from({ length: 300_000 }, (_, j) => String.fromCharCode(33 + ((j * 7919 + i) % 90))).join(''),
      );
    const file = zipSync(parts);
    const limits = { ...DEFAULT_FILE_LIMITS, unzippedBytes: MB, entryBytes: MB };
    expect(() => checkZipDirectory(file, limits)).toThrow(AppError);
    expect(() => checkZipDirectory(file, limits)).toThrow(
      /^Файл слишком велик после распаковки: 1,4 МБ \(допускается до 1 МБ\)/,
    );
    expect(() => checkZipDirectory(file, DEFAULT_FILE_LIMITS)).not.toThrow();
  });
});
