import { describe, expect, it } from 'vitest';
import { usableDraft } from './useAutosave.ts';

const draft = (version: number | null) => ({ version, values: { a: 1 } });

describe('a draft left on the device', () => {
  it('is shown while it was typed over the server copy of an editable form', () => {
    expect(usableDraft(draft(3), { version: 3, isEditable: true })).toEqual(draft(3));
    expect(usableDraft(draft(null), { version: null, isEditable: true })).toEqual(draft(null));
  });

  it('is not shown once the form is sent, accepted or closed', () => {
    expect(usableDraft(draft(3), { version: 3, isEditable: false })).toBeNull();
  });

  it('is not shown when the server copy is newer (saved elsewhere, returned, reviewed)', () => {
    expect(usableDraft(draft(3), { version: 5, isEditable: true })).toBeNull();
    expect(usableDraft(draft(null), { version: 1, isEditable: true })).toBeNull();
  });

  it('is nothing when nothing is stored', () => {
    expect(usableDraft(null, { version: 1, isEditable: true })).toBeNull();
  });
});
