import { egorlyksky } from './egorlyksky-001.ts';
import { kardymovsky } from './kardymovsky-000.ts';
import { khorolsky } from './khorolsky-003.ts';
import { myasnikovsky } from './myasnikovsky-004.ts';
import type { ProgramTemplate } from './types.ts';
import { zhirnovsky } from './zhirnovsky-002.ts';

export type * from './types.ts';
export { templateApplicability } from './types.ts';

/** The monitoring programs of the five seed districts, ready to load into a municipality and edit. */
export const PROGRAM_TEMPLATES: ProgramTemplate[] = [
  myasnikovsky,
  zhirnovsky,
  kardymovsky,
  egorlyksky,
  khorolsky,
];

export const findTemplate = (code: string) => PROGRAM_TEMPLATES.find((t) => t.code === code);
