import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

/**
 * Word documents laid out by LibreOffice, read back page by page — for tests of what lands on which page
 * (no page holding only a letter's signature). LibreOffice converts the DOCX to PDF, then opens the PDF
 * with its own PDF import (every line of text a frame anchored to its page) and saves it as ODT, whose
 * content.xml says the page of each frame. No other tool is needed (pdftotext may not be installed).
 */

export const hasLibreOffice =
  spawnSync('sh', ['-c', 'command -v libreoffice'], { encoding: 'utf8' }).status === 0;

/** The text of XML character data: `&lt;` → `<` and the rest of the five entities. */
export const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function run(dir: string, args: string[]) {
  // A profile of its own: another LibreOffice running on the machine must not capture the conversion.
  const converted = spawnSync(
    'libreoffice',
    [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', ...args],
    { encoding: 'utf8', timeout: 240_000 },
  );
  if (converted.status !== 0) throw new Error(`LibreOffice: ${converted.stderr || converted.stdout}`);
}

/** The text of every page of each document, in page order: `{ name: [page 1 text, page 2 text, …] }`. */
export async function pagesOfDocx(files: Record<string, Buffer>): Promise<Record<string, string[]>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-pages-'));
  try {
    const names = Object.keys(files);
    for (const name of names) writeFileSync(path.join(dir, `${name}.docx`), files[name]);
    run(dir, ['--convert-to', 'pdf', '--outdir', dir, ...names.map((n) => path.join(dir, `${n}.docx`))]);
    const odt = path.join(dir, 'odt');
    run(dir, [
      '--infilter=writer_pdf_import',
      '--convert-to',
      'odt',
      '--outdir',
      odt,
      ...names.map((n) => path.join(dir, `${n}.pdf`)),
    ]);
    const out: Record<string, string[]> = {};
    for (const name of names) {
      const zip = await JSZip.loadAsync(readFileSync(path.join(odt, `${name}.odt`)));
      const xml = await zip.file('content.xml')!.async('string');
      const pages: string[][] = [];
      for (const frame of xml.matchAll(
        /<draw:frame\b[^>]*\btext:anchor-page-number="(\d+)"[^>]*>(.*?)<\/draw:frame>/gs,
      )) {
        const page = Number(frame[1]);
        const text = decodeXml(frame[2].replace(/<[^>]+>/g, '')).trim();
        if (!text) continue;
        (pages[page - 1] ??= []).push(text);
      }
      out[name] = Array.from(pages, (p) => (p ?? []).join('\n'));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
