import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ReportStatus, Role } from '../../domain/enums';
import type { ReportEntity } from '../../entities';
import { ANY_ROLE } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { actorOf } from '../context';
import { FileReportInput, Report, ResolveReportInput } from '../types/enforcement.types';

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
}
