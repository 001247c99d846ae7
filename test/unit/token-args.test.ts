import { parseTokenArgs, UsageError } from '../../src/cli/token-args';
import { Role } from '../../src/domain/enums';

describe('parseTokenArgs', () => {
  it.each([
    [[], { roles: [Role.ADMIN], sub: 'admin-cli', expiresIn: '8h' }],
    [['--role', 'service'], { roles: [Role.SERVICE], sub: 'service-cli', expiresIn: '8h' }],
    [['--role', 'user', '--sub', 'acc-1', '--expires', '30m'], { roles: [Role.USER], sub: 'acc-1', expiresIn: '30m' }],
    [['--role', 'admin', '--role', 'service', '--expires', '7d'], { roles: [Role.ADMIN, Role.SERVICE], sub: 'admin-cli', expiresIn: '7d' }],
  ])('accepts %j', (args, expected) => {
    expect(parseTokenArgs(args)).toEqual(expected);
  });

  it.each([
    [['--role', 'bogus'], 'unknown --role bogus: valid roles are user, service, admin'],
    [['--role', 'admin', '--role', 'root'], 'unknown --role root: valid roles are user, service, admin'],
    [['--role', 'user'], 'a user token needs --sub <account id> (the account it acts as)'],
    [['--role', 'service', '--role', 'user'], 'a user token needs --sub <account id> (the account it acts as)'],
    [['--expires', '8x'], 'invalid --expires "8x": use a time period such as 8h, 30m or 7d'],
    [['--expires', ''], 'invalid --expires "": use a time period such as 8h, 30m or 7d'],
  ])('refuses %j', (args, message) => {
    let thrown: unknown;
    try {
      parseTokenArgs(args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(message);
  });

  it('refuses an unknown option as a usage error', () => {
    expect(() => parseTokenArgs(['--rol', 'admin'])).toThrow(UsageError);
  });
});
