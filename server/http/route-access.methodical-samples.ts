import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';

/** Records of the bank of practices an organization's routes are swept against. */
export interface MethodicalSamples {
  /** A draft of the organization's bank of practices, by `teacher`: no other school may read it. */
  practice: number;
  /** A file of that draft. */
  practiceFile: number;
  /** An entry of the organization on review by an expert who is none of the sweep's callers of it. */
  practiceOnReview: number;
}

/** The organization's draft (added when the demo has none in this school) and a file attached to it. */
export async function resolveMethodicalSamples(
  db: Db,
  municipalityId: number,
  organization: number,
  teacher: number,
): Promise<MethodicalSamples> {
  const draftOf = sql`select min(id) as v from practices where organization_id = ${organization} and status = 'draft'`;
  let [found] = await queryRows<{ v: number | null }>(db, draftOf);
  if (found?.v == null) {
    const [row] = await db
      .insert(s.practices)
      .values({
        municipalityId,
        organizationId: organization,
        title: 'Черновик методической разработки',
        kind: 'development',
      })
      .returning({ id: s.practices.id });
    await db.insert(s.practiceAuthors).values({ practiceId: row.id, teacherId: teacher });
    [found] = await queryRows<{ v: number | null }>(db, draftOf);
  }
  const practice = found!.v!;
  const [file] = await db
    .insert(s.files)
    .values({
      municipalityId,
      name: 'разработка.pdf',
      mimeType: 'application/pdf',
      size: 9,
      content: Buffer.from('%PDF-1.4 '),
      uploadedBy: 'route-access',
    })
    .returning({ id: s.files.id });
  await db.insert(s.practiceFiles).values({ practiceId: practice, fileId: file.id });
  // The expert: the demo's teacher account, unless it works here (the teacher sweeps its own school's
  // samples), then the association leader (who sweeps the other school's).
  const [expert] = await queryRows<{ id: number }>(
    db,
    sql`select u.id from users u join user_roles r on r.user_id = u.id
      where u.login = (case when exists (select 1 from users t join user_roles tr on tr.user_id = t.id
          where t.login = 'teacher' and tr.organization_id = ${organization}) then 'rmo' else 'teacher' end)
      limit 1`,
  );
  const [onReview] = await db
    .insert(s.practices)
    .values({
      municipalityId,
      organizationId: organization,
      title: 'Разработка на экспертизе',
      kind: 'development',
      status: 'on_review',
      reviewBody: 'council',
    })
    .returning({ id: s.practices.id });
  await db.insert(s.practiceAuthors).values({ practiceId: onReview.id, teacherId: teacher });
  await db.insert(s.practiceReviews).values({ practiceId: onReview.id, reviewerId: expert.id });
  return { practice, practiceFile: file.id, practiceOnReview: onReview.id };
}
