import { jitteredBackoff } from './backoff.js';

describe('jitteredBackoff', () => {
  it('doubles the nominal delay per attempt, scaled by jitter in [0.5, 1.5)', () => {
    expect(jitteredBackoff(1, 1000, () => 0.5)).toBe(1000);
    expect(jitteredBackoff(2, 1000, () => 0.5)).toBe(2000);
    expect(jitteredBackoff(3, 1000, () => 0.5)).toBe(4000);
    expect(jitteredBackoff(3, 1000, () => 0)).toBe(2000);
    expect(jitteredBackoff(3, 1000, () => 0.999)).toBe(5996);
  });

  it('caps the nominal delay at one hour', () => {
    expect(jitteredBackoff(40, 1000, () => 0.5)).toBe(3_600_000);
  });
});
