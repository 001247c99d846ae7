import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput, InputReason } from '../../errors';

// Relay-style cursor paging shared by the list fields. A cursor is the keyset
// of the last row served (e.g. [createdAt, id]), as base64url JSON: opaque to
// clients, and anything that does not decode to the expected shape is
// BAD_USER_INPUT rather than a silently wrong page.

export const MAX_PAGE_SIZE = 200;

export type CursorValue = string | number;

/** Encodes a keyset as an opaque cursor. */
export function encodeCursor(keyset: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(keyset), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor}.
 *
 * @param cursor - The client's `after`.
 * @param shape - The type of each keyset value, in order.
 * @returns The keyset values.
 * @throws BAD_USER_INPUT when the cursor is malformed.
 */
export function decodeCursor(cursor: string, shape: ReadonlyArray<'string' | 'number'>, field = 'after'): CursorValue[] {
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('after is not a cursor this list returned', field, {}, InputReason.INVALID_VALUE);
  }
  if (!Array.isArray(values) || values.length !== shape.length || values.some((v, i) => typeof v !== shape[i])) {
    throw badInput('after is not a cursor this list returned', field, {}, InputReason.INVALID_VALUE);
  }
  return values as CursorValue[];
}

/** `first` must be 1..MAX_PAGE_SIZE. */
export function checkPageSize(first: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be from 1 to ${MAX_PAGE_SIZE}`, field, {}, InputReason.LIMIT_OUT_OF_RANGE);
  }
  return first;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** A page of rows as the service returns it: one extra row was asked for to learn whether more follow. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the connection of a page, each cursor made from its node's keyset. */
export function toConnection<T>(page: Page<T>, keysetOf: (node: T) => CursorValue[]): Connection<T> {
  const edges = page.nodes.map((node) => ({ cursor: encodeCursor(keysetOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}

/** Declares `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function connectionTypes<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field(() => String) cursor: string;
    @Field(() => node) node: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType]) edges: EdgeType[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return { EdgeType, ConnectionType };
}
