import { inflateRawSync } from 'node:zlib';
import { Unzip, unzipSync, type AsyncFlateStreamHandler, type UnzipFileInfo } from 'fflate';
import type { FileLimits } from '../../../config.ts';
import { formatBytes, tooLarge, unreadable } from './file-errors.ts';

/**
 * The parts of an .xlsx (a ZIP), read with fflate under the limits of the configuration. Every declared size
 * of the central directory is checked before anything is inflated: the count of parts, each part, their total
 * and the ratio of packed to unpacked. Declared sizes can lie, so the bytes actually inflated are capped too:
 * Node's zlib stops inflating at `maxOutputLength` instead of filling memory.
 */

/** A workbook has a few dozen parts; thousands are a ZIP built to exhaust the reader. */
export const MAX_ZIP_ENTRIES = 2000;
/** Parts smaller than this are not held to the compression ratio: small XML packs very well. */
const RATIO_FLOOR = 1024 * 1024;

const bomb = (detail: string) =>
  tooLarge(
    `Файл слишком велик после распаковки: ${detail}. Книга Excel с такими данными не бывает — ` +
      'сохраните её в Excel заново (Файл → Сохранить как → «Книга Excel»).',
  );

/** Checks the central directory of a ZIP against the limits; inflates nothing. */
export function checkZipDirectory(buffer: Uint8Array, limits: FileLimits): void {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(buffer, {
      filter: (file) => {
        entries.push(file);
        return false;
      },
    });
  } catch {
    throw unreadable();
  }
  if (entries.length > MAX_ZIP_ENTRIES)
    throw bomb(`в архиве ${entries.length} частей (допускается до ${MAX_ZIP_ENTRIES})`);
  let total = 0;
  for (const e of entries) {
    if (e.originalSize > limits.entryBytes)
      throw bomb(
        `часть «${e.name}» занимает ${formatBytes(e.originalSize)} (допускается до ${formatBytes(limits.entryBytes)})`,
      );
    if (e.originalSize > RATIO_FLOOR && e.originalSize > e.size * limits.compressionRatio)
      throw bomb(
        `часть «${e.name}» сжата в ${Math.round(e.originalSize / Math.max(e.size, 1))} раз ` +
          `(допускается до ${limits.compressionRatio})`,
      );
    total += e.originalSize;
  }
  if (total > limits.unzippedBytes)
    throw bomb(`${formatBytes(total)} (допускается до ${formatBytes(limits.unzippedBytes)})`);
}

/** The bytes actually inflated so far, against the limits of a part and of the whole file. */
export interface InflateBudget {
  used: number;
}

/**
 * Inflates the parts whose name `wanted` accepts. fflate finds them (local headers, data descriptors, ZIP64);
 * the deflate itself is Node's zlib, native and capped.
 */
export function readZipEntries(
  buffer: Uint8Array,
  wanted: (name: string) => boolean,
  limits: FileLimits,
  budget: InflateBudget,
): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };
  const capFor = () => Math.min(limits.entryBytes, limits.unzippedBytes - budget.used);
  const overCap = (name: string) =>
    bomb(
      budget.used + limits.entryBytes > limits.unzippedBytes
        ? `части книги вместе больше ${formatBytes(limits.unzippedBytes)}`
        : `часть «${name}» больше ${formatBytes(limits.entryBytes)}`,
    );

  /** Collects the packed bytes of one part, then inflates them at once with a cap. */
  const decoder = (compression: number) =>
    class CappedDecoder {
      static compression = compression;
      ondata!: AsyncFlateStreamHandler;
      private readonly chunks: Uint8Array[] = [];
      private packed = 0;
      constructor(private readonly name: string) {}
      push(chunk: Uint8Array, final: boolean) {
        this.packed += chunk.length;
        this.chunks.push(chunk);
        if (compression === 0 && this.packed > capFor()) return fail(overCap(this.name));
        if (!final) return;
        const packed = Buffer.concat(this.chunks);
        let data: Buffer;
        if (compression === 0) data = packed;
        else {
          try {
            // One byte over the cap tells «too large» from «exactly the cap».
            data = inflateRawSync(packed, { maxOutputLength: capFor() + 1 });
          } catch (error) {
            const code = (error as { code?: string }).code;
            return fail(code === 'ERR_BUFFER_TOO_LARGE' ? overCap(this.name) : unreadable());
          }
          if (data.length > capFor()) return fail(overCap(this.name));
        }
        budget.used += data.length;
        this.ondata(null, data as Uint8Array<ArrayBuffer>, true);
      }
    };

  const unzip = new Unzip((file) => {
    if (!wanted(file.name) || failure) return;
    if (file.compression !== 0 && file.compression !== 8) return fail(unreadable());
    file.ondata = (error, data) => {
      if (error) return fail(unreadable());
      files.set(file.name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    };
    file.start();
  });
  unzip.register(decoder(0));
  unzip.register(decoder(8));
  try {
    // Pushed in slices: fflate recurses per part within one push.
    const step = 1 << 20;
    for (let i = 0; i < buffer.length && !failure; i += step)
      unzip.push(buffer.subarray(i, i + step), i + step >= buffer.length);
  } catch {
    fail(unreadable());
  }
  if (failure) throw failure;
  return files;
}
