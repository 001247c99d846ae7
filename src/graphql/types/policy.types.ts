import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType()
export class PublishPolicyVersionInput {
  @Field(() => String, { description: '1 to 50 characters: letters, digits, ".", "_", "-", starting with a letter or digit.' })
  version: string;
  @Field(() => Date, {
    description:
      'A significant version: at least the notice period (POLICY_NOTICE_DAYS) after publication. ' +
      'Any other: now or later (a moment in the past within clock skew means now).',
  })
  effectiveAt: Date;
  @Field(() => Boolean) significant: boolean;
  @Field(() => String, { description: '1 to 2000 characters.' }) summary: string;
}

@ObjectType({ description: 'One acceptance of a policy version by an account; kept, never overwritten.' })
export class PolicyAcceptance {
  @Field(() => String) version: string;
  @Field(() => Date) acceptedAt: Date;
}

@ObjectType({
  description:
    'The accounts that have accepted neither this version nor any later one: those a significant version ' +
    'denies once it takes effect, until they accept (a non-significant version requires nothing).',
})
export class PolicyVersionImpact {
  @Field(() => String) version: string;
  @Field(() => Boolean) significant: boolean;
  @Field(() => Date) effectiveAt: Date;
  @Field(() => Int) affectedAccounts: number;
  @Field(() => [ID], { description: 'Up to 20 of them, oldest accounts first.' })
  sampleAccountIds: string[];
}
