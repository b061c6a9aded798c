import { describe, expect, it } from 'vitest';
import { withParams } from './client.ts';

describe('withParams', () => {
  it('adds a query to an address without one', () => {
    expect(withParams('/api/events', { page: 2, q: '' })).toBe('/api/events?page=2');
  });

  it('adds parameters after «&» to an address that already has a query (a filtered list)', () => {
    expect(withParams('/api/associations?type=rmo', { page: 1, pageSize: 50 })).toBe(
      '/api/associations?type=rmo&page=1&pageSize=50',
    );
  });
});
