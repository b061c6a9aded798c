import { organizationKind } from '../../../core/enums.ts';
import type { DocumentData, DocumentOrganization } from './documents.data.ts';

/**
 * The words the справка and the statistical forms use for what they compare: a municipality's documents
 * compare organizations under the municipality, the region's compare municipalities under the region.
 */
export interface DocumentTerms {
  /** The whole as a table row: «Муниципалитет», «Регион». */
  whole: string;
  /** «по муниципалитету», «по региону». */
  byWhole: string;
  /** A member as a column header: «Организация», «Муниципалитет». */
  member: string;
  /** «организаций», «муниципалитетов»: «Рейтинг …», «Группы схожих …». */
  membersGenitive: string;
  /** «организациям», «муниципалитетам»: «По … — высокий уровень …». */
  membersDative: string;
  /** «Организации», «Муниципалитеты»: the start of a sentence. */
  membersNominative: string;
  /** A short column header for their number: «ОО», «МО». */
  short: string;
  /** «из 12 организаций»: the genitive after «из». */
  ofForms: readonly [string, string, string];
  /** The third column of the forms: «Тип ОО»; and what it says of a member. */
  kindHeader: string;
  kindOf: (member: DocumentOrganization) => string;
}

export const MUNICIPAL_TERMS: DocumentTerms = {
  whole: 'Муниципалитет',
  byWhole: 'по муниципалитету',
  member: 'Организация',
  membersGenitive: 'организаций',
  membersDative: 'организациям',
  membersNominative: 'Организации',
  short: 'ОО',
  ofForms: ['организации', 'организаций', 'организаций'],
  kindHeader: 'Тип ОО',
  kindOf: (o) => organizationKind.label[o.kind],
};

export const termsOf = (data: Pick<DocumentData, 'terms'>): DocumentTerms => data.terms ?? MUNICIPAL_TERMS;
