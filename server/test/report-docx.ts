import JSZip from 'jszip';
import { expect } from 'vitest';
import type { TestApp } from './harness.ts';
import { decodeXml } from './office.ts';

/** The text of each `<w:…>` element of a kind in a chunk of WordprocessingML, its runs joined. */
function textsOf(xml: string, element: RegExp) {
  return [...xml.matchAll(element)].map((e) =>
    [...e[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join(''),
  );
}

export const docxParagraphs = (xml: string) => textsOf(xml, /<w:p[ >].*?<\/w:p>/gs);
export const docxCells = (xml: string) => textsOf(xml, /<w:tc>.*?<\/w:tc>/gs);

/** The body of a Word document: its `word/document.xml`. */
export async function documentXmlOf(docx: Buffer | Uint8Array) {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('not a Word document: no word/document.xml');
  return xml;
}

/**
 * The paragraphs of a Word document in order (table cells included) that carry text, as a reader sees
 * them: tabs and line breaks kept.
 */
export const docxLines = (xml: string) =>
  [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)]
    .map((p) =>
      [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g)]
        .map((m) => (m[1] !== undefined ? decodeXml(m[1]) : m[2] === 'tab' ? '\t' : '\n'))
        .join(''),
    )
    .filter((text) => text.trim());

/**
 * The справка of a campaign as the department downloads it: the document job started over the API,
 * followed to its end, and the file's `word/document.xml`.
 */
export async function campaignReportXml(t: TestApp, cookie: string, campaignId: number) {
  const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, cookie, body });
  const started = await call('POST', `/api/campaigns/${campaignId}/documents`, { kind: 'report' });
  expect(started.statusCode, started.body).toBe(202);
  let job = started.json();
  while (job.status === 'running') {
    await new Promise((resolve) => setImmediate(resolve));
    job = (await call('GET', `/api/document-jobs/${job.id}`)).json();
  }
  expect(job.error).toBeNull();
  const file = await call('GET', job.downloadUrl);
  return documentXmlOf(file.rawPayload);
}
