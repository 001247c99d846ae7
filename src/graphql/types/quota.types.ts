import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum QuotaSource {
  OVERRIDE = 'OVERRIDE',
  PLAN = 'PLAN',
  ROLE = 'ROLE',
}

registerEnumType(QuotaSource, {
  name: 'QuotaSource',
  description: "Where a principal's budget comes from: an admin's override, the account's plan (user tokens), or the role's default.",
});

@ObjectType({ description: "The caller's request budget, as this request left it (see docs/quotas.md)." })
export class RateLimit {
  @Field(() => Int, { description: 'What this request cost, in points (graphql-armor’s estimate of the operation).' })
  cost: number;
  @Field(() => Int, { description: 'Points per window: the most that can be spent at once.' })
  limit: number;
  @Field(() => Int) windowSeconds: number;
  @Field(() => Int, { description: 'Points left now; they refill continuously, limit per window.' })
  remaining: number;
  @Field(() => Date, { description: 'When the budget is full again if nothing more is spent.' })
  resetAt: Date;
  @Field(() => String, { description: 'The policy name sent in the RateLimit headers.' })
  policy: string;
}

@ObjectType({ description: 'A budget an admin set for one principal.' })
export class QuotaOverride {
  @Field(() => Int) limit: number;
  @Field(() => Int) windowSeconds: number;
  @Field(() => String) note: string;
  @Field(() => String) setBy: string;
  @Field(() => Date) setAt: Date;
}

@ObjectType({ description: "A principal's request budget, as admins see it." })
export class PrincipalQuota {
  @Field(() => String, { description: 'account:<account id> (user tokens), service:<subject> or admin:<subject>.' })
  principal: string;
  @Field(() => QuotaSource) source: QuotaSource;
  @Field(() => Int) limit: number;
  @Field(() => Int) windowSeconds: number;
  @Field(() => Int, { description: 'Points left now, across every server process (give or take the slices processes hold).' })
  remaining: number;
  @Field(() => Date) resetAt: Date;
  @Field(() => QuotaOverride, { nullable: true }) override: QuotaOverride | null;
}

@InputType()
export class SetPrincipalQuotaInput {
  @Field(() => String, { description: 'account:<account id>, service:<subject> or admin:<subject>.' })
  principal: string;
  @Field(() => Int, { description: 'Points per window, 1 to 1,000,000,000.' })
  limit: number;
  @Field(() => Int, { defaultValue: 60, description: '1 to 86,400 seconds.' })
  windowSeconds: number;
  @Field(() => String, { description: 'Why (kept in the audit log); up to 500 characters.' })
  note: string;
}
