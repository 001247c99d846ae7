import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { CatalogKind, Role } from '../../domain/enums';
import { ANY_ROLE } from '../auth-checker';
import { actorOf } from '../context';
import type { GraphQLContext } from '../context';
import { CatalogEntry, CatalogEntryInput, InputScreening } from '../types/screening.types';

@Resolver()
export class ScreeningResolver {
  @Authorized(ANY_ROLE)
  @Query(() => InputScreening, { description: 'Matches an input against the protected catalog (10(c)); the input is neither stored nor logged.' })
  screenInput(@Arg('text', () => String) text: string, @Ctx() ctx: GraphQLContext): InputScreening {
    const started = performance.now();
    try {
      return ctx.services.screening.screen(text);
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
    return ctx.services.catalog.list(kind ?? null, limit);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Int, { description: 'Adds entries; returns how many were new (an entry already present is not added twice).' })
  addCatalogEntries(
    @Arg('entries', () => [CatalogEntryInput], { validate: false }) entries: CatalogEntryInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    return ctx.services.catalog.addEntries(actorOf(ctx), entries);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean)
  removeCatalogEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.catalog.removeEntry(actorOf(ctx), id);
  }
}
