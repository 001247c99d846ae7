import { GraphQLObjectType, type GraphQLField, type GraphQLSchema, getNamedType, isEnumType, isScalarType } from 'graphql';
import { AuthenticationError, type ResolverData, AuthorizationError, getMetadataStorage } from 'type-graphql';

type ResolverMetadata = ReturnType<typeof getMetadataStorage>['queries'][number];
type ParamMetadata = NonNullable<ResolverMetadata['params']>[number];
type Instance = Record<string, (...params: unknown[]) => unknown>;
type ResolverClass = new () => object;
/** An authChecker that answers at once (type-graphql also allows a promise; this path does not). */
export type SyncAuthChecker<Context extends object, Role> = (data: ResolverData<Context>, roles: Role[]) => boolean;
type Getter = (args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * type-graphql runs every operation through asynchronous steps: `validateArg`
 * is an async function even for a string, and the `@Authorized` check is an
 * async middleware. An answer held in memory (a warm entitlement) therefore
 * reaches graphql-js as a promise, after a dozen microtasks and their
 * allocations. For an operation whose parameters are scalar or enum
 * arguments, the context and the info, and whose only middleware is its
 * `@Authorized` check, this installs a resolver that takes the same steps
 * synchronously: the same authChecker with the same roles, the same error
 * classes, the argument values type-graphql would pass (it passes scalars and
 * enums through unchanged and skips their validation). Input objects (which
 * are validated), custom parameter decorators and other middlewares keep
 * type-graphql's resolver. Returns the fields it took over.
 */
export function resolvePlainOperationsSynchronously<Context extends object, Role>(
  schema: GraphQLSchema,
  resolverClasses: readonly ResolverClass[],
  authChecker: SyncAuthChecker<Context, Role>,
): string[] {
  const storage = getMetadataStorage();
  const classes = new Set<unknown>(resolverClasses);
  const instances = new Map<unknown, Instance>();
  const taken: string[] = [];
  const roots: Array<[GraphQLObjectType | null | undefined, ResolverMetadata[]]> = [
    [schema.getQueryType(), storage.queries],
    [schema.getMutationType(), storage.mutations],
  ];
  for (const [root, operations] of roots) {
    if (!root) continue;
    const fields = root.getFields();
    for (const operation of operations) {
      const field = fields[operation.schemaName];
      if (!field || !classes.has(operation.target) || (operation.middlewares?.length ?? 0) > 0) continue;
      const getters = paramGetters(operation.params ?? [], field);
      if (getters === null) continue;
      let instance = instances.get(operation.target);
      if (!instance) {
        instance = new (operation.target as ResolverClass)() as Instance;
        instances.set(operation.target, instance);
      }
      field.resolve = syncResolver(instance, operation, getters, authChecker);
      taken.push(`${root.name}.${field.name}`);
    }
  }
  return taken;
}

function syncResolver<Context extends object, Role>(
  instance: Instance,
  operation: ResolverMetadata,
  getters: Getter[],
  authChecker: SyncAuthChecker<Context, Role>,
): (root: unknown, args: Record<string, unknown>, context: Context, info: unknown) => unknown {
  const method = instance[operation.methodName];
  const roles = operation.roles;
  return (root, args, context, info) => {
    if (roles !== undefined) {
      if (!authChecker({ root, args, context, info } as ResolverData<Context>, roles as Role[]))
        throw roles.length === 0 ? new AuthenticationError() : new AuthorizationError();
    }
    const values = new Array<unknown>(getters.length);
    for (let i = 0; i < getters.length; i++) values[i] = getters[i](args, context, info);
    return method.apply(instance, values);
  };
}

/** One getter per parameter in order, or null when some parameter needs type-graphql's own handling. */
function paramGetters(params: readonly ParamMetadata[], field: GraphQLField<unknown, unknown>): Getter[] | null {
  const ordered = [...params].sort((a, b) => a.index - b.index);
  const getters: Getter[] = [];
  for (const [position, param] of ordered.entries()) {
    if (param.index !== position) return null;
    switch (param.kind) {
      case 'arg': {
        const arg = field.args.find((a) => a.name === param.name);
        const named = arg && getNamedType(arg.type);
        if (!named || !(isScalarType(named) || isEnumType(named)) || param.validateFn !== undefined) return null;
        const name = param.name;
        getters.push((args) => args[name]);
        break;
      }
      case 'context': {
        const property = param.propertyName;
        getters.push(property === undefined ? (_a, context) => context : (_a, context) => (context as Record<string, unknown>)[property]);
        break;
      }
      case 'info':
        getters.push((_a, _c, info) => info);
        break;
      default:
        return null;
    }
  }
  return getters;
}
