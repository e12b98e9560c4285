import {
  BUSY_LOAD_PER_CORE,
  busyThreshold,
  formatSpread,
  median,
  pairedRatios,
  roundCount,
  roundVerdict,
  spread,
  summarise,
} from '../bench/support/rounds.js';

/** The arithmetic of the API benchmark's interleaved rounds (pure: no load is run). */
describe('bench rounds', () => {
  describe('median', () => {
    it('takes the middle value of an odd count, whatever the order', () => {
      expect(median([3, 1, 2])).toBe(2);
      expect(median([10, 0.5, 7, 7, 1])).toBe(7);
    });

    it('takes the mean of the middle two of an even count', () => {
      expect(median([4, 1, 3, 2])).toBe(2.5);
    });

    it('leaves out non-finite values and is NaN for none', () => {
      expect(median([Number.NaN, 5, 1, Number.POSITIVE_INFINITY])).toBe(3);
      expect(median([])).toBeNaN();
      expect(median([Number.NaN])).toBeNaN();
    });

    it('does not reorder the caller’s array', () => {
      const values = [3, 1, 2];
      median(values);
      expect(values).toEqual([3, 1, 2]);
    });
  });

  it('spread is the lowest and highest finite value', () => {
    expect(spread([0.5, 0.42, Number.NaN, 0.61])).toEqual({ min: 0.42, max: 0.61 });
    const none = spread([]);
    expect(none.min).toBeNaN();
    expect(none.max).toBeNaN();
  });

  describe('pairedRatios', () => {
    it("divides round i's Tandem figure by round i's raw figure", () => {
      expect(pairedRatios([100, 90, 50], [200, 100, 100])).toEqual([0.5, 0.9, 0.5]);
    });

    it('pairs rounds rather than dividing the medians: a round that slowed both servers keeps its own ratio', () => {
      // Round 2 ran on a loaded machine (both servers at half their rate); in round 3 the raw server sped up alone.
      const tandem = [60, 30, 40];
      const raw = [100, 50, 200];
      expect(pairedRatios(tandem, raw)).toEqual([0.6, 0.6, 0.2]);
      expect(median(pairedRatios(tandem, raw))).toBe(0.6);
      expect(median(tandem) / median(raw)).toBe(0.4);
    });

    it('gives NaN for a round whose divisor is zero, and medians leave it out', () => {
      const ratios = pairedRatios([100, 80, 90], [0, 100, 100]);
      expect(ratios[0]).toBeNaN();
      expect(summarise(ratios)).toMatchObject({ min: 0.8, max: 0.9, rounds: 2 });
      expect(summarise(ratios).median).toBeCloseTo(0.85);
    });

    it('refuses rounds that do not pair up', () => {
      expect(() => pairedRatios([1, 2, 3], [1, 2])).toThrow(/3 Tandem rounds against 2 raw rounds/);
    });
  });

  describe('busy rounds', () => {
    it('the threshold is 1.5 × cores unless overridden', () => {
      expect(BUSY_LOAD_PER_CORE).toBe(1.5);
      expect(busyThreshold(2)).toBe(3);
      expect(busyThreshold(8, '')).toBe(12);
      expect(busyThreshold(2, ' 5.5 ')).toBe(5.5);
      expect(() => busyThreshold(2, 'lots')).toThrow(/BENCH_BUSY_LOAD/);
      expect(() => busyThreshold(2, '-1')).toThrow(/BENCH_BUSY_LOAD/);
    });

    it('keeps a round whose every load sample is at or under the threshold', () => {
      expect(roundVerdict([1.2, 2.9, 3], 3, 1)).toBe('keep');
      expect(roundVerdict([1, 1, 1], 3, 2)).toBe('keep');
    });

    it('repeats a first attempt with any sample over the threshold, and flags a busy repeat', () => {
      expect(roundVerdict([1, 3.1, 2], 3, 1)).toBe('repeat');
      expect(roundVerdict([4, 4, 4], 3, 2)).toBe('flag');
    });
  });

  it('the round count comes from BENCH_ROUNDS when set, as a whole number ≥ 1', () => {
    expect(roundCount(3)).toBe(3);
    expect(roundCount(3, '5')).toBe(5);
    expect(() => roundCount(3, '0')).toThrow(/BENCH_ROUNDS/);
    expect(() => roundCount(3, '2.5')).toThrow(/BENCH_ROUNDS/);
  });

  it('formats a spread as min–max', () => {
    expect(formatSpread({ min: 0.4512, max: 0.5 })).toBe('0.45–0.50');
    expect(formatSpread({ min: Number.NaN, max: Number.NaN })).toBe('–');
  });
});
