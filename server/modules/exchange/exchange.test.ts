import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeWorld, loadWorkbook, type ExchangeWorld } from './test-support.ts';

let w: ExchangeWorld;
let school1: number;

beforeAll(async () => {
  w = await createExchangeWorld();
  school1 = await w.organizationOf('school1');
}, 300_000);
afterAll(() => w.close());

describe('the workbook round trip', () => {
  it('export then import of the unchanged file changes nothing', async () => {
    const started = Date.now();
    const file = await w.download('school1', school1);
    expect(file.statusCode, file.body).toBe(200);
    const buffer = file.rawPayload;
    console.log('export ms', Date.now() - started, buffer.length);
    const wb = await loadWorkbook(buffer);
    console.log(wb.worksheets.map((s) => `${s.name}:${s.rowCount}`).join(' '));
    const t2 = Date.now();
    const preview = await w.preview('school1', school1, buffer);
    console.log('preview ms', Date.now() - t2);
    console.log(JSON.stringify(preview.errors.slice(0, 10), null, 1));
    console.log(JSON.stringify(preview.sheets.map((s) => [s.sheet, s.counts])));
    console.log(
      JSON.stringify(
        preview.sheets.flatMap((s) => s.changed.slice(0, 3)),
        null,
        1,
      ),
    );
    expect(preview.errorCount).toBe(0);
    expect(preview.totals).toMatchObject({ added: 0, changed: 0, removed: 0 });
  });
});
