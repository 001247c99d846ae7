import { gcFlags, SINGLE_THREADED_GC } from '../../src/cluster/gc-flags';

describe('gcFlags', () => {
  test.each([
    // processes, cores, single-threaded collector
    [1, 1, true],
    [1, 2, false],
    [1, 8, false],
    [2, 2, true],
    [4, 2, true],
    [3, 4, false],
  ])('%i serving process(es) on %i core(s): single-threaded collector %s', (processes, cores, single) => {
    expect(gcFlags(processes, cores)).toEqual(single ? [SINGLE_THREADED_GC] : []);
  });

  test('the flag is one node accepts', async () => {
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync(process.execPath, [SINGLE_THREADED_GC, '-e', 'process.stdout.write("ok")']).toString()).toBe('ok');
  });
});
