import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CatalogKind, Role, ScreeningOverride } from '../../domain/enums';
import type { CatalogEntryRow } from '../../services/catalog/catalog.service';
import { ANY_ROLE } from '../auth-checker';
import { actorOf } from '../context';
import type { GraphQLContext } from '../context';
import { checkPageSize, decodeCursor, toConnection } from '../types/pagination';
import {
  CatalogEntry,
  CatalogEntryConnection,
  CatalogEntryInput,
  InputScreening,
  SetCatalogEntryDescribeAsInput,
  SUGGESTION_DESCRIPTION,
} from '../types/screening.types';

function toCatalogEntry(row: CatalogEntryRow): CatalogEntry {
  return { id: String(row.id), kind: row.kind, text: row.text, override: row.screeningOverride, describeAs: row.describeAs ?? null };
}

/** The suggestion screens a rewrite again, so it is worked out only for a client that asks for it. */
@Resolver(() => InputScreening)
export class InputScreeningResolver {
  @FieldResolver(() => String, { nullable: true, description: SUGGESTION_DESCRIPTION })
  suggestion(@Root() screening: InputScreening, @Ctx() ctx: GraphQLContext): string | null {
    // Once per screening, however many aliases select it.
    if (screening.suggested === undefined) screening.suggested = ctx.services.screening.suggest(screening.input, screening.result);
    return screening.suggested;
  }
}

@Resolver()
export class ScreeningResolver {
  @Authorized(ANY_ROLE)
  @Query(() => InputScreening, {
    description: 'Matches an input against the protected catalog (10(c)); the input is neither stored nor logged.',
  })
  screenInput(@Arg('text', () => String) text: string, @Ctx() ctx: GraphQLContext): InputScreening {
    const started = performance.now();
    try {
      const result = ctx.services.screening.screen(text);
      return { allowed: result.allowed, matches: result.matches, input: text, result };
    } finally {
      ctx.services.metrics.observeScreening((performance.now() - started) / 1000);
    }
  }

  @Authorized(Role.ADMIN)
  @Query(() => [CatalogEntry], { description: 'Newest first.' })
  catalogEntries(
    @Ctx() ctx: GraphQLContext,
    @Arg('kind', () => CatalogKind, { nullable: true }) kind?: CatalogKind | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit = 50,
  ): Promise<CatalogEntry[]> {
    return ctx.services.catalog.list(kind ?? null, limit).then((rows) => rows.map(toCatalogEntry));
  }

  @Authorized(Role.ADMIN)
  @Query(() => CatalogEntryConnection, {
    description: 'Newest first. search: entries whose text contains it, in any case and with or without accents. first: 1..200.',
  })
  async catalogEntriesConnection(
    @Ctx() ctx: GraphQLContext,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('kind', () => CatalogKind, { nullable: true }) kind?: CatalogKind | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CatalogEntryConnection> {
    const size = checkPageSize(first ?? 50);
    const afterId = after == null ? null : String(decodeCursor(after, ['string'])[0]);
    const page = await ctx.services.catalog.page({ search: search ?? null, kind: kind ?? null, first: size, afterId });
    return toConnection({ ...page, nodes: page.nodes.map(toCatalogEntry) }, (node) => [node.id]);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Int, { description: 'Adds entries; returns how many were new (an entry already present is not added twice).' })
  addCatalogEntries(
    @Arg('entries', () => [CatalogEntryInput], { validate: false }) entries: CatalogEntryInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    return ctx.services.catalog.addEntries(actorOf(ctx), entries).then((result) => result.added);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CatalogEntry, { description: 'Sets how screening treats one entry; audited like every catalog change.' })
  async setCatalogEntryOverride(
    @Arg('id', () => ID) id: string,
    @Arg('override', () => ScreeningOverride) override: ScreeningOverride,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CatalogEntry> {
    return toCatalogEntry(await ctx.services.catalog.setOverride(actorOf(ctx), id, override));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CatalogEntry, {
    description:
      "Sets or clears (null) the description a blocked input's suggestion puts in place of a reference to this entry; audited like every catalog change.",
  })
  async setCatalogEntryDescribeAs(
    @Arg('input', () => SetCatalogEntryDescribeAsInput, { validate: false }) input: SetCatalogEntryDescribeAsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CatalogEntry> {
    return toCatalogEntry(await ctx.services.catalog.setDescribeAs(actorOf(ctx), input.entryId, input.describeAs ?? null));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean)
  removeCatalogEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.catalog.removeEntry(actorOf(ctx), id);
  }
}
