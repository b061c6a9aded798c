import { describe, expect, it } from 'vitest';
import { isPublicNow } from './publication.ts';

describe('a report public today', () => {
  it('is published and its day has come; without a day, at once', () => {
    const today = '2026-05-15';
    expect(isPublicNow({ isPublished: true, publishOn: null }, today)).toBe(true);
    expect(isPublicNow({ isPublished: true, publishOn: '2026-05-15' }, today)).toBe(true);
    expect(isPublicNow({ isPublished: true, publishOn: '2026-05-16' }, today)).toBe(false);
    expect(isPublicNow({ isPublished: false, publishOn: '2026-05-01' }, today)).toBe(false);
    expect(isPublicNow(null, today)).toBe(false);
    expect(isPublicNow(undefined, today)).toBe(false);
  });
});
