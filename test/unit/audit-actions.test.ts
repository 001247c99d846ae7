import { AUDIT_ACTIONS, AUDIT_ACTION_SPELLING, LEGACY_ACTION_SPELLINGS } from '../../src/domain/audit-actions';

// Names already written to the append-only log: they may never change.
const WRITTEN_BEFORE_THE_MAP = [
  'account.create',
  'account.change-plan',
  'account.verify_government_status',
  'account.signals.record',
  'organization.declare',
  'policy.publish',
  'policy.accept',
  'authorization.grant',
  'authorization.revoke',
  'suspension.create',
  'suspension.lift',
  'report.file',
  'report.resolve',
  'appeal.file',
  'appeal.decide',
  'catalog.add',
  'catalog.remove',
];

describe('audit actions', () => {
  test('every name already in the log is still an action, spelled as it was', () => {
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(WRITTEN_BEFORE_THE_MAP));
  });

  test('each action is listed once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  test.each(AUDIT_ACTIONS.map((a) => [a]))('%s follows <aggregate>[.<part>].<verb>, or is the legacy spelling', (action) => {
    expect(AUDIT_ACTION_SPELLING.test(action) || LEGACY_ACTION_SPELLINGS.includes(action)).toBe(true);
  });

  test('the legacy spelling is exactly the one written before the rule, and breaks it', () => {
    expect([...LEGACY_ACTION_SPELLINGS]).toEqual(['account.verify_government_status']);
    for (const action of LEGACY_ACTION_SPELLINGS) expect(AUDIT_ACTION_SPELLING.test(action)).toBe(false);
  });

  test.each([
    ['account.change-plan', true],
    ['account.signals.record', true],
    ['webhook.endpoint.rotate-secret', true],
    ['account.verify_government_status', false],
    ['webhook.endpoint.rotate_secret', false],
    ['Account.create', false],
    ['account', false],
    ['account.create-', false],
  ])('%s spelled by the rule: %s', (action, ok) => {
    expect(AUDIT_ACTION_SPELLING.test(action)).toBe(ok);
  });
});
