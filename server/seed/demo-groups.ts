import { and, asc, eq, isNull } from 'drizzle-orm';
import { addDays } from '../../core/dates.ts';
import { reportingPeriod } from '../../core/indicators/period.ts';
import { findTemplate } from '../../core/templates/index.ts';
import type { Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';

/**
 * The demo's groups of organizations («Точка роста», «500+», базовые площадки) and two school partnerships
 * (seed 004: сетевое взаимодействие, support of ШНОР): each begins the day after the reporting period of the
 * first closed campaign, so that the effect of the partnership compares the two closed campaigns.
 */
export async function seedDemoGroups(options: {
  db: Db;
  municipalityId: number;
  closedCampaigns: { id: number; year: number }[];
  today: string;
}) {
  const { db, municipalityId: m } = options;
  const orgs = await db
    .select({ id: s.organizations.id, shortName: s.organizations.shortName })
    .from(s.organizations)
    .where(eq(s.organizations.municipalityId, m));
  const idOf = (shortName: string) => orgs.find((o) => o.shortName === shortName)?.id;
  const school = (n: number) => idOf(`МБОУ СОШ № ${n}`) ?? idOf(`МБОУ ООШ № ${n}`);
  const groups = [
    {
      name: 'Точка роста',
      description: 'Центры образования естественно-научной и технологической направленностей «Точка роста»',
      members: [3, 6, 9, 11],
    },
    {
      name: '500+',
      description: 'Школы с низкими результатами обучения — участники проекта «500+»',
      members: [4, 5, 10],
    },
    {
      name: 'Базовые площадки',
      description: 'Базовые площадки РИПК: стажировки и открытые уроки для педагогов района',
      members: [1, 2],
    },
  ];
  for (const g of groups) {
    const [row] = await db
      .insert(s.organizationGroups)
      .values({ municipalityId: m, name: g.name, description: g.description })
      .returning();
    const members = g.members.map(school).filter((id): id is number => id !== undefined);
    if (members.length)
      await db
        .insert(s.organizationGroupMembers)
        .values(members.map((organizationId) => ({ groupId: row.id, organizationId })));
  }
  const template = findTemplate('seed-004-myasnikovsky')!;
  const first = [...options.closedCampaigns].sort((a, b) => a.year - b.year)[0];
  const startDate = first ? addDays(reportingPeriod(template.parameters, first.year).end, 1) : options.today;
  const municipalEvents = await db
    .select({ id: s.events.id })
    .from(s.events)
    .where(and(eq(s.events.municipalityId, m), isNull(s.events.organizationId)))
    .orderBy(asc(s.events.date), asc(s.events.id))
    .limit(2);
  const pairs = [
    { strong: 1, weak: 4, title: 'Сетевое взаимодействие СОШ № 1 и СОШ № 4: математика' },
    { strong: 2, weak: 10, title: 'Поддержка СОШ № 10 (ШНОР): наставничество и открытые уроки' },
  ];
  for (const [i, p] of pairs.entries()) {
    const strong = school(p.strong);
    const weak = school(p.weak);
    if (!strong || !weak) continue;
    const [row] = await db
      .insert(s.schoolPartnerships)
      .values({
        municipalityId: m,
        strongOrganizationId: strong,
        weakOrganizationId: weak,
        title: p.title,
        startDate,
        plan: [
          {
            title: 'Диагностика затруднений педагогов',
            dueDate: addDays(startDate, 30),
            doneDate: addDays(startDate, 25),
          },
          { title: 'Взаимопосещение уроков', dueDate: addDays(startDate, 120), doneDate: null },
          { title: 'Совместный методический семинар', dueDate: addDays(startDate, 200), doneDate: null },
        ],
        outcomes: i === 0 ? 'Проведена диагностика; составлен план взаимопосещений.' : null,
      })
      .returning();
    const linked = municipalEvents.slice(i, i + 1).map((e) => e.id);
    if (linked.length)
      await db
        .insert(s.schoolPartnershipEvents)
        .values(linked.map((eventId) => ({ partnershipId: row.id, eventId })));
  }
  return { groups: groups.length, partnerships: pairs.length };
}
