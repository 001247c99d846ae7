import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { Role } from '../domain/enums';

/** A mistake in the command line: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {}

export interface TokenArgs {
  roles: Role[];
  sub: string;
  expiresIn: string;
}

const VALID_ROLES = Object.values(Role) as string[];

/** Parses and checks `npm run token` arguments; throws UsageError with a one-line message. */
export function parseTokenArgs(args: string[]): TokenArgs {
  let values: { role?: string[]; sub?: string; expires?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        role: { type: 'string', multiple: true, default: [Role.ADMIN] },
        sub: { type: 'string' },
        expires: { type: 'string', default: '8h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const roles = values.role ?? [Role.ADMIN];
  const unknown = roles.filter((role) => !VALID_ROLES.includes(role));
  if (unknown.length > 0) {
    throw new UsageError(`unknown --role ${unknown.join(', ')}: valid roles are ${VALID_ROLES.join(', ')}`);
  }
  if (roles.includes(Role.USER) && !values.sub) {
    throw new UsageError('a user token needs --sub <account id> (the account it acts as)');
  }
  const expiresIn = values.expires ?? '8h';
  try {
    // jose is the one that reads the period later, so let it judge the format now.
    new SignJWT({}).setExpirationTime(expiresIn);
  } catch {
    throw new UsageError(`invalid --expires ${JSON.stringify(expiresIn)}: use a time period such as 8h, 30m or 7d`);
  }
  return { roles: roles as Role[], sub: values.sub ?? `${roles[0]}-cli`, expiresIn };
}
