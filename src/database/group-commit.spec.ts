import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes the first item at once and the ones queued meanwhile together', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const commit = new GroupCommit<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = commit.add(1);
    const rest = [commit.add(2), commit.add(3)];
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('fails every caller of a failed batch, and goes on with the next', async () => {
    let calls = 0;
    const commit = new GroupCommit<number>(async () => {
      if (++calls === 1) throw new Error('disk full');
    });
    await expect(commit.add(1)).rejects.toThrow('disk full');
    await expect(commit.add(2)).resolves.toBeUndefined();
  });
});
