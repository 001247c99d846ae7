import 'reflect-metadata';
import { type ExecutionResult, execute, parse } from 'graphql';
import {
  Arg,
  Authorized,
  AuthenticationError,
  AuthorizationError,
  Ctx,
  Field,
  InputType,
  Mutation,
  Query,
  Resolver,
  UseMiddleware,
  buildSchemaSync,
} from 'type-graphql';
import { IsEmail } from 'class-validator';
import { resolvePlainOperationsSynchronously } from '../../src/graphql/sync-resolvers';

interface Context {
  roles: string[];
  calls: string[];
}

@InputType()
class Contact {
  @Field(() => String)
  @IsEmail()
  email: string;
}

@Resolver()
class SampleResolver {
  @Authorized(['reader'])
  @Query(() => String)
  greet(
    @Arg('name', () => String) name: string,
    @Arg('tone', () => String, { defaultValue: 'plain' }) tone: string,
    @Arg('at', () => Date, { nullable: true }) at: Date | undefined,
    @Ctx() ctx: Context,
  ): string {
    ctx.calls.push('greet');
    return `${tone} hello ${name} ${at === undefined ? 'now' : at.toISOString()}`;
  }

  @Authorized(['reader'])
  @Query(() => [String])
  echo(@Arg('words', () => [String]) words: string[], @Ctx('roles') roles: string[]): string[] {
    return [...words, ...roles];
  }

  @Authorized(['writer'])
  @Mutation(() => String)
  register(@Arg('contact', () => Contact) contact: Contact): string {
    return contact.email;
  }

  @Authorized(['reader'])
  @UseMiddleware(async (_data, next) => `wrapped ${String(await next())}`)
  @Query(() => String)
  wrapped(): string {
    return 'inner';
  }

  @Authorized()
  @Query(() => String)
  anyone(): string {
    return 'signed in';
  }

  @Authorized(['reader'])
  @Query(() => String)
  slow(): Promise<string> {
    return Promise.resolve('later');
  }

  @Authorized(['reader'])
  @Query(() => String)
  broken(): string {
    throw new Error('resolver failed');
  }
}

const checker = ({ context }: { context: Context }, roles: string[]): boolean =>
  context.roles.length > 0 && roles.every((role) => context.roles.includes(role));

function sampleSchema(): { schema: ReturnType<typeof buildSchemaSync>; taken: string[] } {
  const schema = buildSchemaSync({ resolvers: [SampleResolver], authChecker: checker, authMode: 'error', validate: true });
  const taken = resolvePlainOperationsSynchronously(schema, [SampleResolver], checker);
  return { schema, taken };
}

const { schema, taken } = sampleSchema();

function run(document: string, roles: string[], variableValues?: Record<string, unknown>) {
  const contextValue: Context = { roles, calls: [] };
  const result = execute({ schema, document: parse(document), contextValue, variableValues });
  return { result, contextValue };
}

describe('operations with scalar arguments run synchronously, with the same checks', () => {
  test('only operations of plain parameters and no other middleware are taken over', () => {
    expect(taken.sort()).toEqual(['Query.anyone', 'Query.broken', 'Query.echo', 'Query.greet', 'Query.slow']);
  });

  test.each([
    ['defaults and an absent nullable argument', '{ greet(name: "Ada") }', { greet: 'plain hello Ada now' }],
    [
      'every argument',
      '{ greet(name: "Ada", tone: "warm", at: "2026-01-02T03:04:05.000Z") }',
      { greet: 'warm hello Ada 2026-01-02T03:04:05.000Z' },
    ],
    ['a list argument and a context property', '{ echo(words: ["a", "b"]) }', { echo: ['a', 'b', 'reader'] }],
    ['no role named: any signed-in principal', '{ anyone }', { anyone: 'signed in' }],
  ])('%s: answered without a promise', (_name, document, data) => {
    const { result } = run(document, ['reader']);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ data });
  });

  test('a missing role is refused with type-graphql’s own error, and the resolver is not called', () => {
    const { result, contextValue } = run('{ greet(name: "Ada") }', ['writer']);
    const { errors, data } = result as ExecutionResult;
    expect(data).toEqual(null);
    expect(errors?.[0].originalError).toBeInstanceOf(AuthorizationError);
    expect(contextValue.calls).toEqual([]);
  });

  test('no principal at all, where any role will do, is an authentication error', () => {
    const { errors } = run('{ anyone }', []).result as ExecutionResult;
    expect(errors?.[0].originalError).toBeInstanceOf(AuthenticationError);
  });

  test('a resolver that throws, or answers later, behaves as before', async () => {
    const broken = run('{ broken }', ['reader']).result as ExecutionResult;
    expect(broken.errors?.[0].message).toBe('resolver failed');
    expect(await run('{ slow }', ['reader']).result).toEqual({ data: { slow: 'later' } });
  });

  test('input objects are still validated and other middlewares still run', async () => {
    const bad = (await run('mutation { register(contact: { email: "not an email" }) }', ['writer']).result) as ExecutionResult;
    expect(bad.errors?.[0].message).toBe('Argument Validation Error');
    const good = await run('mutation { register(contact: { email: "ada@example.com" }) }', ['writer']).result;
    expect(good).toEqual({ data: { register: 'ada@example.com' } });
    expect(await run('{ wrapped }', ['reader']).result).toEqual({ data: { wrapped: 'wrapped inner' } });
  });
});
