import { Field, ObjectType } from 'type-graphql';

/** Relay's page information: enough to ask for the next page. */
@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

// Cursors are opaque to clients: the list's own position, base64url-encoded.
export function encodeCursor(position: string): string {
  return Buffer.from(`c:${position}`, 'utf8').toString('base64url');
}

/** The position in a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return text.startsWith('c:') ? text.slice(2) : null;
}
