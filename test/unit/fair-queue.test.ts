import { FairQueue } from '../../src/infrastructure/fair-queue';

/** A queue whose passes run when the test says (as Node's check phase would), recording what ran in each. */
function harness(quantum: number) {
  const deferred: Array<() => void> = [];
  const errors: unknown[] = [];
  const queue = new FairQueue(
    quantum,
    (error) => errors.push(error),
    (fn) => deferred.push(fn),
  );
  const passes: string[][] = [];
  let current: string[] = [];
  const push = (label: string) => queue.push(label.split('.')[0], () => current.push(label));
  /** Runs the passes scheduled so far, or `n` of them; `between` runs before each (as arrivals read by the loop). */
  const runPasses = (n = Infinity, between?: (pass: number) => void) => {
    for (let pass = 0; pass < n && deferred.length > 0; pass += 1) {
      between?.(pass);
      const fn = deferred.shift()!;
      current = [];
      fn();
      passes.push(current);
    }
  };
  return { queue, push, runPasses, passes, deferred, errors };
}

describe('FairQueue', () => {
  it.each([
    {
      name: 'one key alone runs in order, quantum at a time',
      quantum: 4,
      pushed: ['a.1', 'a.2', 'a.3', 'a.4', 'a.5', 'a.6'],
      passes: [
        ['a.1', 'a.2', 'a.3', 'a.4'],
        ['a.5', 'a.6'],
      ],
    },
    {
      name: 'a key with one request behind another with sixteen runs second, not seventeenth',
      quantum: 4,
      pushed: [...Array.from({ length: 16 }, (_, i) => `noisy.${i + 1}`), 'quiet.1'],
      passes: [
        ['noisy.1', 'quiet.1', 'noisy.2', 'noisy.3'],
        ['noisy.4', 'noisy.5', 'noisy.6', 'noisy.7'],
        ['noisy.8', 'noisy.9', 'noisy.10', 'noisy.11'],
        ['noisy.12', 'noisy.13', 'noisy.14', 'noisy.15'],
        ['noisy.16'],
      ],
    },
    {
      name: 'three keys take turns, each in its own order',
      quantum: 3,
      pushed: ['a.1', 'a.2', 'a.3', 'b.1', 'b.2', 'c.1'],
      passes: [
        ['a.1', 'b.1', 'c.1'],
        ['a.2', 'b.2', 'a.3'],
      ],
    },
    {
      name: 'a turn cut by the quantum goes on where it stopped in the next pass',
      quantum: 1,
      pushed: ['a.1', 'a.2', 'b.1', 'b.2', 'c.1'],
      passes: [['a.1'], ['b.1'], ['c.1'], ['a.2'], ['b.2']],
    },
  ])('$name', ({ quantum, pushed, passes }) => {
    const h = harness(quantum);
    for (const label of pushed) h.push(label);
    // One pass is scheduled however many were pushed.
    expect(h.deferred).toHaveLength(1);
    h.runPasses();
    expect(h.passes).toEqual(passes);
    expect(h.queue.size).toBe(0);
    expect(h.deferred).toHaveLength(0);
  });

  it('a request of a key with nothing waiting goes ahead of another key’s backlog', () => {
    const h = harness(4);
    for (let i = 1; i <= 12; i += 1) h.push(`noisy.${i}`);
    // The quiet key's request is read by the loop between the first and second pass.
    h.runPasses(Infinity, (pass) => {
      if (pass === 1) h.push('quiet.1');
    });
    expect(h.passes[1]).toEqual(['quiet.1', 'noisy.5', 'noisy.6', 'noisy.7']);
    expect(h.passes.flat()).toHaveLength(13);
  });

  it('a key sending one request at a time is first in every pass, however long the other’s backlog', () => {
    const h = harness(2);
    for (let i = 1; i <= 8; i += 1) h.push(`noisy.${i}`);
    h.runPasses(Infinity, (pass) => h.push(`quiet.${pass + 1}`));
    expect(h.passes.slice(0, 4)).toEqual([
      ['noisy.1', 'quiet.1'],
      ['quiet.2', 'noisy.2'],
      ['quiet.3', 'noisy.3'],
      ['quiet.4', 'noisy.4'],
    ]);
  });

  it('keys with a backlog share the passes evenly, each in its own order', () => {
    const h = harness(3);
    for (let i = 1; i <= 4; i += 1) h.push(`a.${i}`);
    for (let i = 1; i <= 4; i += 1) h.push(`b.${i}`);
    for (let i = 1; i <= 4; i += 1) h.push(`c.${i}`);
    h.runPasses();
    expect(h.passes.flat()).toEqual(['a.1', 'b.1', 'c.1', 'a.2', 'b.2', 'c.2', 'a.3', 'b.3', 'c.3', 'a.4', 'b.4', 'c.4']);
  });

  it('work that throws is reported and the rest still runs', () => {
    const h = harness(4);
    const ran: string[] = [];
    h.queue.push('a', () => {
      throw new Error('boom');
    });
    h.queue.push('a', () => ran.push('a.2'));
    h.queue.push('b', () => ran.push('b.1'));
    h.runPasses();
    expect(ran).toEqual(['b.1', 'a.2']);
    expect(h.errors).toEqual([new Error('boom')]);
    expect(h.queue.size).toBe(0);
  });

  it('work pushed from inside a pass joins its rotation, with no second pass scheduled', () => {
    const h = harness(2);
    h.queue.push('a', () => h.push('b.1'));
    h.runPasses();
    expect(h.passes).toEqual([['b.1']]);
    expect(h.queue.size).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a quantum of %p', (quantum) => {
    expect(() => new FairQueue(quantum, () => undefined)).toThrow(RangeError);
  });
});
