import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { Page } from '../../services/keyset-page';

// The reusable parts of paging, in one import: cursors and the keyset query
// helper live below the API layer (services use them); the GraphQL types here.
export { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../../domain/cursor';

/** `first` when a connection's caller gives none (or null). */
export const DEFAULT_PAGE_SIZE = 50;
export { keysetPage, keysetRawPage, readPageArgs } from '../../services/keyset-page';
export type { Keyset, KeyColumn, Page, PageArgs } from '../../services/keyset-page';

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

/** A service's page as a connection; `map` turns stored rows into what the node type resolves from. */
export function toConnection<TRow, TNode = TRow>(page: Page<TRow>, map?: (row: TRow) => TNode): ConnectionShape<TNode> {
  return {
    edges: page.items.map(({ node, cursor }) => ({ cursor, node: map ? map(node) : (node as unknown as TNode) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    // A getter, so that the count runs only when a query selects totalCount.
    get totalCount() { return page.totalCount(); },
  };
}
