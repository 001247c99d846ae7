import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { encodeCursor, isValidPageSize, MAX_PAGE_SIZE } from '../../domain/cursor';
import { refuse } from '../../errors';
import type { Page } from '../../services/shared/keyset-page';

// The reusable parts of paging, in one import: cursors and the keyset query
// helper live below the API layer (services use them); the GraphQL types here.
export { decodeCursor as decodeKeyset, encodeCursor, MAX_PAGE_SIZE } from '../../domain/cursor';

/** `first` when a connection's caller gives none (or null). */
export const DEFAULT_PAGE_SIZE = 50;
export { keysetPage, keysetRawPage, readPageArgs } from '../../services/shared/keyset-page';
export type { Keyset, KeyColumn, Page, PageArgs } from '../../services/shared/keyset-page';

@ObjectType({ description: 'Relay page information: pass endCursor as `after` for the next page.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the last edge; null when the page is empty.' })
  endCursor: string | null;
}

export interface EdgeShape<TNode> {
  cursor: string;
  node: TNode;
}

export interface ConnectionShape<TNode> {
  edges: Array<EdgeShape<TNode>>;
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/**
 * A Relay connection type for one node type (type-graphql generic types):
 * `@ObjectType() class AccountConnection extends Connection(Account, 'Account') {}`
 * makes AccountConnection and AccountEdge.
 */
export function Connection<TNode extends object>(nodeType: ClassType<TNode>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge implements EdgeShape<TNode> {
    @Field(() => String, { description: 'Opaque; pass as `after` to continue after this edge.' }) cursor: string;
    @Field(() => nodeType) node: TNode;
  }

  // Unnamed and never referenced itself: only the named subclasses reach the schema.
  @ObjectType()
  abstract class ConnectionClass implements ConnectionShape<TNode> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'Every row matching the filters, on all pages; counted only when selected.' })
    totalCount: number | Promise<number>;
  }
  return ConnectionClass;
}

/** A page the service built itself: the rows, whether more follow, and the count. */
export interface NodesPage<T> {
  nodes: T[];
  hasNextPage: boolean;
  totalCount: number;
}

export type CursorValue = string | number;

/**
 * A service's page as a connection. A keysetPage page: `map` turns stored
 * rows into what the node type resolves from. A NodesPage: `keysetOf` gives
 * each node's key, which becomes its cursor.
 */
export function toConnection<TRow, TNode = TRow>(page: Page<TRow>, map?: (row: TRow) => TNode): ConnectionShape<TNode>;
export function toConnection<T>(page: NodesPage<T>, keysetOf: (node: T) => CursorValue[]): ConnectionShape<T>;
export function toConnection(page: Page<unknown> | NodesPage<unknown>, fn?: (x: unknown) => unknown): ConnectionShape<unknown> {
  if ('nodes' in page) {
    const keysetOf = fn as (node: unknown) => CursorValue[];
    const edges = page.nodes.map((node) => ({ cursor: encodeCursor(keysetOf(node).map(String)), node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
      totalCount: page.totalCount,
    };
  }
  return keysetConnection(page, fn);
}

function keysetConnection<TRow, TNode>(page: Page<TRow>, map?: (row: TRow) => TNode): ConnectionShape<TNode> {
  return {
    edges: page.items.map(({ node, cursor }) => ({ cursor, node: map ? map(node) : (node as unknown as TNode) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    // A getter, so that the count runs only when a query selects totalCount.
    get totalCount() {
      return page.totalCount();
    },
  };
}

/** `first` of a connection, or BAD_USER_INPUT (LIMIT_OUT_OF_RANGE). */
export function checkPageSize(first: number, field = 'first'): number {
  if (!isValidPageSize(first)) throw refuse('LIMIT_OUT_OF_RANGE', `first must be from 1 to ${MAX_PAGE_SIZE}`, { field });
  return first;
}

/**
 * The key of a cursor made by toConnection from a NodesPage, each value of
 * the given JSON type; BAD_USER_INPUT (INVALID_CURSOR) for anything else.
 */
export function decodeCursor(cursor: string, shape: ReadonlyArray<'string' | 'number'>, field = 'after'): CursorValue[] {
  const notACursor = () => refuse('INVALID_CURSOR', 'after is not a cursor of this list', { field });
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw notACursor();
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw notACursor();
  // toConnection writes every value as a string; a number key is read back from its digits.
  return values.map((v, i) => {
    if (typeof v !== 'string') throw notACursor();
    if (shape[i] === 'string') return v;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw notACursor();
    return n;
  });
}

/** `<Name>Edge` and `<Name>Connection` in one call, for a service that builds its own pages (NodesPage). */
export function connectionTypes<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Connection`)
  class ConnectionType extends Connection(node, name) {}
  return { ConnectionType };
}
