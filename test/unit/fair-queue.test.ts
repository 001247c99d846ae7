import { FairQueue } from '../../src/infrastructure/fair-queue';

/**
 * A queue whose passes run when the test says (as Node's check phase would).
 * The log reads as the event loop would run it: work that ran at once when it
 * was pushed, then `|` and what each pass ran.
 */
function harness(quantum: number) {
  const deferred: Array<() => void> = [];
  const errors: unknown[] = [];
  const queue = new FairQueue(
    quantum,
    (error) => errors.push(error),
    (fn) => deferred.push(fn),
  );
  const ran: string[] = [];
  const push = (label: string) => queue.push(label.split('.')[0], () => ran.push(label));
  /** Runs the passes scheduled; `arrivals` pushes before each pass what the loop read meanwhile. */
  const runPasses = (arrivals?: (pass: number) => void) => {
    for (let pass = 0; deferred.length > 0; pass += 1) {
      arrivals?.(pass);
      const fn = deferred.shift()!;
      ran.push('|');
      fn();
    }
  };
  const log = () => ran.join(' ');
  return { queue, push, runPasses, log, deferred, errors };
}

describe('FairQueue', () => {
  it.each([
    {
      name: 'a key alone: its first work at once, the rest of its burst quantum at a time',
      quantum: 4,
      pushed: ['a.1', 'a.2', 'a.3', 'a.4', 'a.5', 'a.6'],
      log: 'a.1 | a.2 a.3 a.4 a.5 | a.6',
    },
    {
      name: 'a key with one request after another’s burst of sixteen is answered second, not seventeenth',
      quantum: 4,
      pushed: [...Array.from({ length: 16 }, (_, i) => `noisy.${i + 1}`), 'quiet.1'],
      log: 'noisy.1 quiet.1 | noisy.2 noisy.3 noisy.4 noisy.5 | noisy.6 noisy.7 noisy.8 noisy.9 | noisy.10 noisy.11 noisy.12 noisy.13 | noisy.14 noisy.15 noisy.16',
    },
    {
      name: 'three keys with bursts take turns, each in its own order',
      quantum: 3,
      pushed: ['a.1', 'a.2', 'a.3', 'b.1', 'b.2', 'b.3', 'c.1', 'c.2'],
      log: 'a.1 b.1 c.1 | a.2 b.2 c.2 | a.3 b.3',
    },
    {
      name: 'a turn cut by the quantum goes on where it stopped in the next pass',
      quantum: 1,
      pushed: ['a.1', 'a.2', 'a.3', 'b.1', 'b.2', 'b.3', 'c.1', 'c.2'],
      log: 'a.1 b.1 c.1 | a.2 | b.2 | c.2 | a.3 | b.3',
    },
  ])('$name', ({ quantum, pushed, log }) => {
    const h = harness(quantum);
    for (const label of pushed) h.push(label);
    // One pass is scheduled however many were pushed.
    expect(h.deferred).toHaveLength(1);
    h.runPasses();
    expect(h.log()).toBe(log);
    expect(h.queue.size).toBe(0);
  });

  it('one request a pass runs at once every time: nothing waits for a turn', () => {
    const h = harness(4);
    for (let i = 1; i <= 3; i += 1) {
      h.push(`a.${i}`);
      h.runPasses();
    }
    expect(h.log()).toBe('a.1 | a.2 | a.3 |');
  });

  it('a request of a key with nothing waiting runs ahead of another key’s backlog', () => {
    const h = harness(4);
    for (let i = 1; i <= 12; i += 1) h.push(`noisy.${i}`);
    // Read by the loop between the first and second pass.
    h.runPasses((pass) => {
      if (pass === 1) h.push('quiet.1');
    });
    expect(h.log()).toBe(
      'noisy.1 | noisy.2 noisy.3 noisy.4 noisy.5 quiet.1 | noisy.6 noisy.7 noisy.8 noisy.9 | noisy.10 noisy.11 noisy.12',
    );
  });

  it('a key sending two at a time: the first at once, the second first in the next pass, ahead of another’s backlog', () => {
    const h = harness(2);
    for (let i = 1; i <= 8; i += 1) h.push(`noisy.${i}`);
    h.runPasses((pass) => {
      if (pass > 3) return;
      h.push(`quiet.${2 * pass + 1}`);
      h.push(`quiet.${2 * pass + 2}`);
    });
    expect(h.log().split(' | ').slice(1, 4)).toEqual(['noisy.2 quiet.2 quiet.3', 'quiet.4 noisy.3 quiet.5', 'quiet.6 noisy.4 quiet.7']);
  });

  it('work that throws is reported and the rest still runs', () => {
    const h = harness(4);
    const ran: string[] = [];
    h.queue.push('a', () => {
      throw new Error('boom');
    });
    h.queue.push('a', () => {
      throw new Error('bang');
    });
    h.queue.push('a', () => ran.push('a.3'));
    h.queue.push('b', () => ran.push('b.1'));
    h.runPasses();
    expect(ran).toEqual(['b.1', 'a.3']);
    expect(h.errors).toEqual([new Error('boom'), new Error('bang')]);
    expect(h.queue.size).toBe(0);
  });

  it('work pushed from inside a pass by a key that has not run in it starts at once', () => {
    const h = harness(2);
    h.push('a.1');
    h.queue.push('a', () => h.push('b.1'));
    h.runPasses();
    expect(h.log()).toBe('a.1 | b.1');
    expect(h.queue.size).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a quantum of %p', (quantum) => {
    expect(() => new FairQueue(quantum, () => undefined)).toThrow(RangeError);
  });
});
