import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('follows paths inside the app', () => {
    expect(safeNext('/clients/42?tab=goals')).toBe('/clients/42?tab=goals');
  });

  it.each([null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)'])('refuses %s', (next) => {
    expect(safeNext(next)).toBe('/');
  });
});
