import { GroupCommit } from './group-commit';
import type { AppendOutcome, StreamAppend } from './group-commit';

/** A commit that waits until the test lets it finish, and records the groups it was given. */
function heldCommit() {
  const groups: string[][] = [];
  const releases: (() => void)[] = [];
  const commit = (group: readonly StreamAppend<string>[]): Promise<AppendOutcome<string>[]> => {
    groups.push(group.map((a) => a.streamId));
    return new Promise((resolve) =>
      releases.push(() =>
        resolve(
          group.map((a) =>
            a.streamId.startsWith('bad')
              ? { ok: false, error: new Error(`conflict on ${a.streamId}`) }
              : { ok: true, value: `${a.streamId}@${a.expectedVersion + a.events.length}` },
          ),
        ),
      ),
    );
  };
  const releaseNext = async (): Promise<void> => {
    while (releases.length === 0) await Promise.resolve();
    releases.shift()!();
  };
  return { groups, commit, releaseNext };
}

const anAppend = (streamId: string, expectedVersion = 0): StreamAppend<string> => ({
  streamId,
  expectedVersion,
  events: ['e'],
});

describe('group commit', () => {
  it('commits an append alone at once when nothing is in flight', async () => {
    const held = heldCommit();
    const group = new GroupCommit(held.commit);
    const result = group.append(anAppend('a'));
    await held.releaseNext();
    await expect(result).resolves.toBe('a@1');
    expect(held.groups).toEqual([['a']]);
  });

  it('sends the appends that arrive during a commit together in the next one', async () => {
    const held = heldCommit();
    const group = new GroupCommit(held.commit);
    const first = group.append(anAppend('a'));
    const rest = ['b', 'c', 'd'].map((s) => group.append(anAppend(s)));
    await held.releaseNext();
    await held.releaseNext();
    await expect(Promise.all([first, ...rest])).resolves.toEqual(['a@1', 'b@1', 'c@1', 'd@1']);
    expect(held.groups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('fails only the append whose outcome is an error', async () => {
    const held = heldCommit();
    const group = new GroupCommit(held.commit);
    const results = ['x', 'bad-y', 'z'].map((s) => group.append(anAppend(s)));
    await held.releaseNext();
    await held.releaseNext();
    const settled = await Promise.allSettled(results);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('puts a second append to the same stream in the group after', async () => {
    const held = heldCommit();
    const group = new GroupCommit(held.commit);
    const first = group.append(anAppend('a'));
    const again = [group.append(anAppend('b')), group.append(anAppend('b', 1))];
    await held.releaseNext();
    await held.releaseNext();
    await held.releaseNext();
    await expect(Promise.all([first, ...again])).resolves.toEqual(['a@1', 'b@1', 'b@2']);
    expect(held.groups).toEqual([['a'], ['b'], ['b']]);
  });

  it('caps a group and commits the rest after it', async () => {
    const held = heldCommit();
    const group = new GroupCommit(held.commit, 2);
    const all = ['a', 'b', 'c', 'd'].map((s) => group.append(anAppend(s)));
    for (let i = 0; i < 3; i++) await held.releaseNext();
    await Promise.all(all);
    expect(held.groups).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('rejects every append of a group whose commit throws, and goes on with the next', async () => {
    let calls = 0;
    const group = new GroupCommit<string, string>((appends) => {
      calls++;
      if (calls === 1) return Promise.reject(new Error('connection lost'));
      return Promise.resolve(appends.map(() => ({ ok: true as const, value: 'ok' })));
    });
    await expect(group.append(anAppend('a'))).rejects.toThrow('connection lost');
    await expect(group.append(anAppend('b'))).resolves.toBe('ok');
  });
});
