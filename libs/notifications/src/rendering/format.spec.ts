import { inAdvance } from './format.js';

describe('inAdvance', () => {
  it.each([
    [0.4, 'in 1 minute'],
    [1, 'in 1 minute'],
    [31, 'in 31 minutes'],
    [59.6, 'in 1 hour'],
    [60, 'in 1 hour'],
    [61, 'in 61 minutes'],
    [119, 'in 119 minutes'],
    [120, 'in 2 hours'],
    [121, 'in 2 hours and 1 minute'],
    [150, 'in 2 hours and 30 minutes'],
    [23 * 60, 'in 23 hours'],
    [24 * 60, 'in 1 day'],
    [25 * 60, 'in 25 hours'],
    [48 * 60, 'in 2 days'],
    [48 * 60 - 1, 'in 47 hours and 59 minutes'],
    [7 * 24 * 60, 'in 7 days'],
  ])('words %d minutes as "%s"', (minutes, wording) => {
    expect(inAdvance(minutes)).toBe(wording);
  });
});
