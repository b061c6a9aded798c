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
  return (await JSZip.loadAsync(file.rawPayload)).file('word/document.xml')!.async('string');
}
