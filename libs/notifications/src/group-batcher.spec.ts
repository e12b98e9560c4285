import { GroupBatcher } from './group-batcher.js';

describe('GroupBatcher', () => {
  it('runs the first call alone and groups the calls that arrive while it runs', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new GroupBatcher<number, number>(async (inputs) => {
      batches.push(inputs);
      if (batches.length === 1) await gate;
      return inputs.map((n) => n * 10);
    });
    const first = batcher.run(1);
    const rest = [batcher.run(2), batcher.run(3), batcher.run(4)];
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every caller of a failed batch, and keeps going with the next', async () => {
    let calls = 0;
    const batcher = new GroupBatcher<number, number>(async (inputs) => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return inputs;
    });
    const failed = batcher.run(1);
    await expect(failed).rejects.toThrow('connection lost');
    await expect(batcher.run(2)).resolves.toBe(2);
  });

  it('caps the batch size', async () => {
    const sizes: number[] = [];
    const batcher = new GroupBatcher<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      return inputs;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.run(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });
});
