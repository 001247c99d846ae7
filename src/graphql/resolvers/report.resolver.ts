import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ReportStatus, Role } from '../../domain/enums';
import type { ReportEntity } from '../../entities';
import { ANY_ROLE } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { actorOf } from '../context';
import { FileReportInput, Report, ReportConnection, ResolveReportInput } from '../types/enforcement.types';
import { ConnectionShape, DEFAULT_PAGE_SIZE, toConnection } from '../types/pagination';

@Resolver(() => Report)
export class ReportResolver {
  @Authorized(ANY_ROLE)
  @Mutation(() => Report, { description: 'Reports suspected abuse by another account.' })
  fileReport(@Arg('input', () => FileReportInput) input: FileReportInput, @Ctx() ctx: GraphQLContext): Promise<ReportEntity> {
    return ctx.services.reports.file(actorOf(ctx), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Report)
  resolveReport(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ResolveReportInput) input: ResolveReportInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReportEntity> {
    return ctx.services.reports.resolve(actorOf(ctx), id, input);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [Report], { description: 'Oldest first.' })
  reports(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => ReportStatus, { nullable: true }) status?: ReportStatus | null,
  ): Promise<ReportEntity[]> {
    return ctx.services.reports.list(status ?? null);
  }

  @Authorized(Role.ADMIN)
  @Query(() => ReportConnection, { description: 'The report queue in pages, oldest first like reports. first: 1 to 200.' })
  async reportsConnection(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => ReportStatus, { nullable: true }) status?: ReportStatus | null,
    @Arg('subjectAccountId', () => ID, { nullable: true }) subjectAccountId?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<ReportEntity>> {
    return toConnection(await ctx.services.reports.page({ status, subjectAccountId }, { first: first ?? DEFAULT_PAGE_SIZE, after }));
  }
}
