import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { queryRows } from '../db/client.ts';
import {
  cell,
  columnOf,
  createExchangeWorld,
  loadWorkbook,
  saveWorkbook,
  type ExchangeWorld,
} from '../modules/exchange/test-support.ts';

/** The demo district with a running campaign of school 1 (for the kept-values tests). */
export async function runningCampaignWorld() {
  const w = await createExchangeWorld();
  const school1 = await w.organizationOf('school1');
  const [{ id: campaignId }] = await queryRows<{ id: number }>(
    w.t.database.db,
    sql`select c.id from campaigns c join campaign_participants p on p.campaign_id = c.id
      where c.status = 'active' and p.organization_id = ${school1}`,
  );
  return { w, school1, campaignId };
}

/** A registry edit by workbook: a working teacher of the school without a category gets the highest. */
export async function raiseCategoryByWorkbook(w: ExchangeWorld, organizationId: number) {
  const book = await loadWorkbook((await w.download('school1', organizationId)).rawPayload);
  const staff = book.getWorksheet('Педагоги')!;
  const category = columnOf(staff, 'Квалификационная категория');
  const dismissed = columnOf(staff, 'Дата увольнения');
  let row = 2;
  while (
    row <= staff.rowCount &&
    (['первая', 'высшая'].includes(String(staff.getRow(row).getCell(category).value)) ||
      staff.getRow(row).getCell(dismissed).value)
  )
    row++;
  expect(row).toBeLessThanOrEqual(staff.rowCount);
  cell(staff, row, 'Квалификационная категория').value = 'высшая';
  cell(staff, row, 'Дата присвоения категории').value = new Date(Date.UTC(2024, 0, 15));
  const preview = await w.preview('school1', organizationId, await saveWorkbook(book));
  expect(preview.errors).toEqual([]);
  return () => w.confirm('school1', preview.importId);
}

/** A registry edit on the card: the school's first working teacher removed. */
export async function removeFirstTeacher(w: ExchangeWorld, organizationId: number) {
  const [{ id }] = await queryRows<{ id: number }>(
    w.t.database.db,
    sql`select p.teacher_id as id from positions p where p.organization_id = ${organizationId}
      and p.end_date is null order by p.teacher_id limit 1`,
  );
  const removed = await w.t.request({
    method: 'DELETE',
    url: `/api/teachers/${id}`,
    cookie: await w.cookie('school1'),
  });
  expect(removed.statusCode, removed.body).toBe(200);
}
