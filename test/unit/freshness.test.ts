import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import * as domain from '../../src/domain/decide-entitlement';
import { Use } from '../../src/domain/enums';
import type { Sql } from '../../src/infrastructure/sql';
import type { Logger } from '../../src/logger';
import { EntitlementAnswer, EntitlementService } from '../../src/services/entitlement/entitlement.service';
import { Freshness, FreshnessOptions, FreshnessState, MemoryUse } from '../../src/services/entitlement/freshness';
import { PolicyVersionCache } from '../../src/services/entitlement/policy-version-cache';
import { SnapshotCache } from '../../src/services/entitlement/snapshot-cache';
import { fakeClock } from '../support/fake-clock';

const WINDOW = 60_000;

interface LogLine {
  level: 'warn' | 'info';
  msg: string;
  fields: Record<string, unknown>;
}

function machine(options: Partial<FreshnessOptions> = {}) {
  const clock = fakeClock();
  const logs: LogLine[] = [];
  const logger = {
    warn: (fields: Record<string, unknown>, msg: string) => logs.push({ level: 'warn', msg, fields }),
    info: (fields: Record<string, unknown>, msg: string) => logs.push({ level: 'info', msg, fields }),
  } as unknown as Logger;
  const freshness = new Freshness(clock, { cacheEnabled: true, staleMaxMs: WINDOW, logger, cachedAccounts: () => 3, ...options });
  const notified: FreshnessState[] = [];
  freshness.subscribe((state) => notified.push(state));
  return { clock, freshness, logs, notified };
}

type Step = 'heard' | 'lost' | 'tick' | { advance: number };

describe('Freshness: the transitions', () => {
  const cases: Array<[string, Partial<FreshnessOptions>, Step[], FreshnessState, MemoryUse, FreshnessState[]]> = [
    ['starts untrusted: nothing from memory until the listener is in place', {}, [], 'untrusted', 'none', []],
    ['the listener in place: trusted', {}, ['heard'], 'trusted', 'fresh', ['trusted']],
    ['listener lost: degraded, memory answered stale', {}, ['heard', 'lost'], 'degraded', 'stale', ['trusted', 'degraded']],
    [
      'at the last instant of the window: still stale',
      {},
      ['heard', 'lost', { advance: WINDOW }],
      'degraded',
      'stale',
      ['trusted', 'degraded'],
    ],
    [
      'past the window: the timer fails closed',
      {},
      ['heard', 'lost', { advance: WINDOW + 1 }],
      'untrusted',
      'none',
      ['trusted', 'degraded', 'untrusted'],
    ],
    ['window 0: untrusted at once', { staleMaxMs: 0 }, ['heard', 'lost'], 'untrusted', 'none', ['trusted', 'untrusted']],
    [
      'reconnect during degraded: trusted again',
      {},
      ['heard', 'lost', { advance: 1000 }, 'heard'],
      'trusted',
      'fresh',
      ['trusted', 'degraded', 'trusted'],
    ],
    [
      'reconnect after the window: trusted again',
      {},
      ['heard', 'lost', { advance: WINDOW + 1 }, 'heard'],
      'trusted',
      'fresh',
      ['trusted', 'degraded', 'untrusted', 'trusted'],
    ],
    [
      'reconnect with window 0: trusted again',
      { staleMaxMs: 0 },
      ['heard', 'lost', 'heard'],
      'trusted',
      'fresh',
      ['trusted', 'untrusted', 'trusted'],
    ],
    ['a loss before the listener was ever in place changes nothing', {}, ['lost'], 'untrusted', 'none', []],
    [
      'a second loss does not restart the window',
      {},
      ['heard', 'lost', { advance: WINDOW / 2 }, 'lost', { advance: WINDOW / 2 + 1 }],
      'untrusted',
      'none',
      ['trusted', 'degraded', 'untrusted'],
    ],
    [
      'a timer that fires early leaves it degraded',
      {},
      ['heard', 'lost', { advance: 1000 }, 'tick'],
      'degraded',
      'stale',
      ['trusted', 'degraded'],
    ],
    ['a tick while trusted changes nothing', {}, ['heard', 'tick'], 'trusted', 'fresh', ['trusted']],
    [
      'ENTITLEMENT_CACHE=false: never trusted (every reconnect still flushes)',
      { cacheEnabled: false },
      ['heard'],
      'untrusted',
      'none',
      ['untrusted'],
    ],
    [
      'ENTITLEMENT_CACHE=false: a loss changes nothing',
      { cacheEnabled: false, staleMaxMs: 0 },
      ['heard', 'lost', { advance: WINDOW + 1 }],
      'untrusted',
      'none',
      ['untrusted'],
    ],
  ];

  test.each(cases)('%s', (_name, options, steps, state, memory, notified) => {
    const m = machine(options);
    for (const step of steps) {
      if (step === 'heard') m.freshness.changesHeard();
      else if (step === 'lost') m.freshness.changesLost();
      else if (step === 'tick') m.freshness.tick();
      else m.clock.advance(step.advance);
    }
    expect(m.freshness.state).toBe(state);
    expect(m.freshness.memory()).toBe(memory);
    expect(m.notified).toEqual(notified);
    // A timer runs exactly while degraded.
    expect(m.clock.pendingTimers).toBe(state === 'degraded' ? 1 : 0);
  });

  test('queries change nothing: past the window with the timer late, memory is no longer answered, and only the timer moves the state', () => {
    const { clock, freshness, notified } = machine();
    freshness.changesHeard();
    freshness.changesLost();
    clock.skip(WINDOW + 1);
    for (let i = 0; i < 3; i += 1) {
      expect(freshness.memory()).toBe('none');
      expect(freshness.staleAsOf()).toBeNull();
    }
    expect(freshness.state).toBe('degraded');
    expect(notified).toEqual(['trusted', 'degraded']);
    clock.runDue();
    expect(freshness.state).toBe('untrusted');
    expect(notified).toEqual(['trusted', 'degraded', 'untrusted']);
  });

  test('a timer that fired early is re-armed to the first instant past the window', () => {
    const { clock, freshness } = machine();
    freshness.changesHeard();
    freshness.changesLost();
    clock.advance(WINDOW - 500);
    freshness.tick(); // as if the timer had fired 500 ms early
    expect(clock.pendingTimers).toBe(1);
    clock.advance(500);
    expect(freshness.state).toBe('degraded');
    clock.advance(1);
    expect(freshness.state).toBe('untrusted');
    expect(clock.pendingTimers).toBe(0);
  });

  test('stale answers are current as of the loss, however long ago; fresh and failed-closed memory has no such moment', () => {
    const { clock, freshness } = machine();
    expect(freshness.staleAsOf()).toBeNull();
    freshness.changesHeard();
    expect(freshness.staleAsOf()).toBeNull();
    clock.advance(5000);
    const lostAt = clock.now();
    freshness.changesLost();
    clock.advance(WINDOW - 1);
    expect(freshness.staleAsOf()).toEqual(lostAt);
    clock.advance(2);
    expect(freshness.staleAsOf()).toBeNull();
  });

  test('one line on entering degraded mode and one on leaving it, by reconnecting or when the window runs out; stale answers are counted', () => {
    const { clock, freshness, logs } = machine();
    freshness.changesHeard();
    freshness.changesLost();
    freshness.countStale(2);
    clock.advance(1500);
    freshness.countStale(1);
    freshness.changesHeard();
    freshness.changesLost();
    clock.advance(WINDOW + 1);
    expect(freshness.staleAnswers).toBe(3);
    expect(logs).toEqual([
      {
        level: 'warn',
        msg: 'entitlement degraded mode entered: answering cached decisions, flagged stale, until changes can be heard again',
        fields: { staleMaxS: 60, recordsAsOf: '2026-03-01T12:00:00.000Z', cachedAccounts: 3 },
      },
      { level: 'info', msg: 'entitlement degraded mode left', fields: { reason: 'reconnected', durationMs: 1500, staleAnswers: 3 } },
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ recordsAsOf: '2026-03-01T12:00:01.500Z' }) }),
      {
        level: 'info',
        msg: 'entitlement degraded mode left',
        fields: { reason: 'stale window over; failing closed until changes can be heard', durationMs: WINDOW + 1, staleAnswers: 3 },
      },
    ]);
  });

  test('window 0 logs nothing: it never enters degraded mode', () => {
    const { freshness, logs } = machine({ staleMaxMs: 0 });
    freshness.changesHeard();
    freshness.changesLost();
    freshness.changesHeard();
    expect(logs).toEqual([]);
  });
});

// The decision path over a fake database: what each state answers, and from where.

const V1 = { version: '1.0', effectiveAt: new Date('2025-01-01T00:00:00Z'), significant: true };

function decisionPath(staleMaxMs = WINDOW) {
  const clock = fakeClock();
  const db = { up: true, suspended: new Set<string>(), accounts: new Set<string>(), statements: 0 };
  const refuse = () => {
    if (!db.up) throw new Error('connect ECONNREFUSED');
  };
  const sql = {
    async query(_text: string, values: unknown[] = []) {
      refuse();
      db.statements += 1;
      const [ids, withVersions] = values as [string[], boolean];
      const policyVersions = withVersions ? [[V1.version, V1.effectiveAt.toISOString(), V1.significant]] : null;
      const found = ids.filter((id) => db.accounts.has(id));
      if (found.length === 0) return [{ policy_versions: policyVersions, id: null }];
      return found.map((id) => ({
        policy_versions: policyVersions,
        id,
        plan_code: 'pro',
        commercial_use: true,
        government_verified: null,
        org_kind: 'COMPANY',
        naics_code: '512250',
        prohibited_sector: null,
        government_sector: false,
        declared_sectors: [],
        performs_public_functions: false,
        authorizations: [],
        suspensions: db.suspended.has(id) ? [['2025-06-01T00:00:00Z', null, null]] : [],
        accepted: [V1.version],
        linked_ids: [],
        linked_suspensions: [],
      }));
    },
  } as unknown as Sql;
  const dataSource = {
    async query() {
      refuse();
      db.statements += 1;
      return [{ version: V1.version, effective_at: V1.effectiveAt, significant: V1.significant }];
    },
  } as unknown as DataSource;
  const freshness = new Freshness(clock, { cacheEnabled: true, staleMaxMs });
  const cache = new SnapshotCache(freshness, 1000);
  const service = new EntitlementService(sql, cache, new PolicyVersionCache(dataSource, freshness), freshness, clock);
  const account = () => {
    const id = randomUUID();
    db.accounts.add(id);
    return id;
  };
  const AT = new Date('2026-03-01T00:00:00Z');
  /** The answers, and whether they came back at once (from memory, without a promise). */
  const decide = async (...ids: string[]): Promise<{ answers: EntitlementAnswer[]; atOnce: boolean }> => {
    const result = service.decide(ids, Use.PERSONAL, AT);
    return { answers: await result, atOnce: Array.isArray(result) };
  };
  const one = async (id: string) => {
    const { answers, atOnce } = await decide(id);
    return { ...answers[0], atOnce };
  };
  /** Asked until memory holds it (the first answer loads it). */
  const warm = async (id: string) => {
    await one(id);
    expect((await one(id)).atOnce).toBe(true);
  };
  freshness.changesHeard();
  return { clock, db, freshness, cache, service, account, decide, one, warm };
}

describe('hot entries are read again before their age bound', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const settle = async () => {
    for (let i = 0; i < 5; i += 1) await tick();
  };

  test('asked in the last sixth of its 60 s bound, an entry is read again in the background and stays warm past it', async () => {
    const p = decisionPath();
    const id = p.account();
    await p.warm(id);
    const read = p.db.statements;
    const misses = p.cache.misses;
    p.clock.advance(45_000);
    expect((await p.one(id)).atOnce).toBe(true);
    await settle();
    expect(p.db.statements).toBe(read); // not yet due
    p.clock.advance(10_000);
    expect((await p.one(id)).atOnce).toBe(true); // served from memory while read again
    expect((await p.one(id)).atOnce).toBe(true);
    await settle();
    expect(p.db.statements).toBe(read + 2); // the snapshot and the policy versions, once each however often asked
    p.clock.advance(10_000); // 65 s after the first load
    expect((await p.one(id)).atOnce).toBe(true);
    expect(p.cache.misses).toBe(misses); // a read ahead is not a miss
  });

  test('an entry nobody asks for near its bound expires as before; a write while it is read again still drops it', async () => {
    const p = decisionPath();
    const [idle, written] = [p.account(), p.account()];
    await p.warm(idle);
    p.clock.advance(61_000);
    expect((await p.one(idle)).atOnce).toBe(false);

    await p.warm(written);
    p.clock.advance(55_000);
    expect(await p.one(written)).toMatchObject({ allowed: true, atOnce: true }); // due: read again in the background
    p.db.suspended.add(written);
    p.service.invalidate([written]);
    await settle();
    expect(await p.one(written)).toMatchObject({ allowed: false });
  });
});

describe('the decision path in each state', () => {
  test('trusted: a warm answer comes back at once, fresh, as of the moment of answering, as a new object (the decision is not touched)', async () => {
    const p = decisionPath();
    const id = p.account();
    const cold = await p.one(id);
    expect(cold).toMatchObject({ accountId: id, allowed: true, stale: false, atOnce: false });
    p.clock.advance(1234);
    const decisions: domain.EntitlementDecision[] = [];
    const decideEntitlement = domain.decideEntitlement;
    const spy = jest.spyOn(domain, 'decideEntitlement').mockImplementation((...args) => {
      const decision = decideEntitlement(...args);
      decisions.push(decision);
      return decision;
    });
    try {
      const result = p.service.decide([id], Use.PERSONAL, new Date('2026-03-01T00:00:00Z'));
      expect(Array.isArray(result)).toBe(true);
      const [answer] = result as EntitlementAnswer[];
      expect(answer).toMatchObject({ allowed: true, stale: false, recordsAsOf: p.clock.now() });
      expect(decisions).toHaveLength(1);
      expect(answer).not.toBe(decisions[0]);
      expect(decisions[0]).not.toHaveProperty('stale');
      expect(decisions[0]).not.toHaveProperty('recordsAsOf');
    } finally {
      spy.mockRestore();
    }
    expect(p.service.staleAnswers).toBe(0);
  });

  test('degraded, database up: cached answers are stale as of the loss and counted; misses are read fresh and not kept; own writes are read fresh', async () => {
    const p = decisionPath();
    const [warmId, ownWrite, cold] = [p.account(), p.account(), p.account()];
    await p.warm(warmId);
    await p.warm(ownWrite);
    p.clock.advance(1000);
    const lostAt = p.clock.now();
    p.freshness.changesLost();
    p.clock.advance(10_000);
    p.db.suspended.add(warmId); // another process's write, not heard
    expect(await p.one(warmId)).toMatchObject({ allowed: true, stale: true, recordsAsOf: lostAt, atOnce: true });
    const before = p.db.statements;
    expect(await p.one(cold)).toMatchObject({ allowed: true, stale: false, recordsAsOf: p.clock.now(), atOnce: false });
    expect(await p.one(cold)).toMatchObject({ stale: false, atOnce: false }); // not kept: read again
    expect(p.db.statements).toBe(before + 2); // the versions came along: one statement each
    const { answers } = await p.decide(warmId, cold);
    expect(answers.map((a) => [a.accountId, a.stale])).toEqual([
      [warmId, true],
      [cold, false],
    ]);
    p.db.suspended.add(ownWrite);
    p.service.invalidate([ownWrite]); // this process's write drops its entry before the mutation answers
    expect(await p.one(ownWrite)).toMatchObject({ allowed: false, stale: false, atOnce: false });
    expect(p.service.staleAnswers).toBe(2);
    expect(p.service.degraded).toBe(true);
    expect(p.service.recordsAsOf).toEqual(lostAt);
  });

  test('database lost: cached answers are still given, stale; anything else is an error, never a default allow', async () => {
    const p = decisionPath();
    const [warmId, cold] = [p.account(), p.account()];
    await p.warm(warmId);
    p.db.up = false;
    p.freshness.changesLost(); // the listener's connection goes with the database
    expect(await p.one(warmId)).toMatchObject({ allowed: true, stale: true, atOnce: true });
    await expect(p.one(cold)).rejects.toThrow('ECONNREFUSED');
    await expect(p.decide(warmId, cold)).rejects.toThrow('ECONNREFUSED');
    p.clock.advance(WINDOW + 1);
    expect(p.freshness.state).toBe('untrusted');
    await expect(p.one(warmId)).rejects.toThrow('ECONNREFUSED');
    expect(p.service.staleAnswers).toBe(1);
  });

  test('past the window: nothing from memory, even before the timer has run; the database answers, fresh', async () => {
    const p = decisionPath();
    const id = p.account();
    await p.warm(id);
    p.freshness.changesLost();
    p.db.suspended.add(id);
    p.clock.advance(WINDOW);
    expect(await p.one(id)).toMatchObject({ allowed: true, stale: true, atOnce: true });
    p.clock.skip(1);
    expect(p.freshness.state).toBe('degraded');
    expect(await p.one(id)).toMatchObject({ allowed: false, stale: false, atOnce: false });
    expect(p.service.degraded).toBe(false);
    expect(p.service.recordsAsOf).toBeNull();
    p.clock.runDue();
    expect(p.freshness.state).toBe('untrusted');
    expect(await p.one(id)).toMatchObject({ allowed: false, stale: false, atOnce: false });
    expect(await p.one(id)).toMatchObject({ atOnce: false }); // nothing is kept while untrusted
  });

  test('window 0: the first answer after the loss is read from the database', async () => {
    const p = decisionPath(0);
    const id = p.account();
    await p.warm(id);
    p.db.suspended.add(id);
    p.freshness.changesLost();
    expect(await p.one(id)).toMatchObject({ allowed: false, stale: false, atOnce: false });
    expect(p.service.staleAnswers).toBe(0);
  });

  test('reconnecting during degraded mode flushes memory: the missed write is seen, answers are fresh and kept again', async () => {
    const p = decisionPath();
    const id = p.account();
    await p.warm(id);
    p.freshness.changesLost();
    p.db.suspended.add(id);
    expect(await p.one(id)).toMatchObject({ allowed: true, stale: true });
    p.clock.advance(2000);
    p.freshness.changesHeard();
    expect(p.cache.size).toBe(0);
    expect(await p.one(id)).toMatchObject({ allowed: false, stale: false, recordsAsOf: p.clock.now(), atOnce: false });
    expect(await p.one(id)).toMatchObject({ allowed: false, stale: false, atOnce: true });
  });

  test('a load in flight when changes stop being heard is not kept', async () => {
    const p = decisionPath();
    const id = p.account();
    const pending = p.one(id);
    p.freshness.changesLost();
    expect(await pending).toMatchObject({ allowed: true, stale: false });
    expect(p.cache.size).toBe(0);
  });

  test('entries are kept as of the loss: one whose age bound runs out during the outage is answered, one that had run out before is not', async () => {
    const p = decisionPath(120_000);
    const [early, late] = [p.account(), p.account()];
    await p.warm(early); // loaded at t0, with the policy versions
    p.clock.advance(61_000);
    await p.warm(late); // loaded at t0 + 61 s; the versions (61 s old) are read again
    p.freshness.changesLost();
    p.clock.advance(70_000); // late is 70 s old now, but was 0 s old at the loss
    expect(await p.one(late)).toMatchObject({ stale: true, atOnce: true });
    expect(await p.one(early)).toMatchObject({ stale: false, atOnce: false });
  });

  test('policy versions past their age bound at the loss are not answered from memory: read again, the answer still stale', async () => {
    const p = decisionPath(120_000);
    const [first, second] = [p.account(), p.account()];
    await p.warm(first); // the versions are loaded at t0
    p.clock.advance(30_000);
    await p.warm(second); // loaded at t0 + 30 s, with the versions from memory
    p.clock.advance(31_000);
    p.freshness.changesLost(); // the versions are 61 s old, the second snapshot 31 s
    const before = p.db.statements;
    expect(await p.one(second)).toMatchObject({ allowed: true, stale: true, atOnce: false });
    expect(p.db.statements).toBe(before + 1);
  });
});
