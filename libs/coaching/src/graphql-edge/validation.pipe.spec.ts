import 'reflect-metadata';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BadUserInputError } from '#tandem/errors';
import { createValidationPipe } from './validation.pipe.js';

class PageArgsForTest {
  @IsInt()
  @Min(1)
  @Max(100)
  first: number = 20;

  @IsOptional()
  @IsDate()
  from?: Date;

  /** No rule: `whitelist` strips it. */
  note?: string;
}

const args = { type: 'query' as const, metatype: PageArgsForTest, data: undefined };

describe('the validation pipe remembering passes', () => {
  it('answers a remembered value as before and still refuses a value that differs in type or value only', async () => {
    const pipe = createValidationPipe();
    const from = new Date('2026-12-08T09:00:00Z');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const page = (await pipe.transform({ first: 50, from }, args)) as PageArgsForTest;
      expect(page).toBeInstanceOf(PageArgsForTest);
      expect(page).toEqual(Object.assign(new PageArgsForTest(), { first: 50, from }));
    }
    await expect(pipe.transform({ first: '50', from }, args)).rejects.toThrow(BadUserInputError);
    await expect(pipe.transform({ first: 500, from }, args)).rejects.toThrow('first must not be greater than 100');
    await expect(pipe.transform({ first: 50, from: '2026-12-08T09:00:00Z' }, args)).rejects.toThrow('from must be a Date instance');
  });

  it('strips a property without rules every time (a pass that stripped something is not remembered)', async () => {
    const pipe = createValidationPipe();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const page = (await pipe.transform({ first: 5, note: 'extra' }, args)) as PageArgsForTest;
      expect(page.note).toBeUndefined();
      expect(page.first).toBe(5);
    }
  });
});
