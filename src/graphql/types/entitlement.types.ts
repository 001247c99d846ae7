import { Field, ID, ObjectType } from 'type-graphql';
import { AuthorizationKind, ReasonCode, Remedy, Use } from '../../domain/enums';

// simpleResolvers: plain values with no field roles or middlewares, read by graphql-js's default resolver
// rather than a type-graphql wrapper per field (the hot path answers these fields on every check).
@ObjectType({ description: 'One reason a use is denied, tied to the policy clause behind it.', simpleResolvers: true })
export class DecisionReason {
  @Field(() => ReasonCode) code: ReasonCode;
  @Field(() => String) clause: string;
  @Field(() => String) message: string;
  @Field(() => Remedy) remedy: Remedy;
  @Field(() => AuthorizationKind, {
    nullable: true,
    description: 'Set when code is AUTHORIZATION_REQUIRED: the written authorization that would lift it.',
  })
  authorization: AuthorizationKind | null;
}

@ObjectType({ description: 'The answer to: may this account use the service this way, at this instant?', simpleResolvers: true })
export class Entitlement {
  @Field(() => ID) accountId: string;
  @Field(() => Use) use: Use;
  @Field(() => Boolean) allowed: boolean;
  @Field(() => [DecisionReason], { description: 'Every reason that applies; empty exactly when allowed.' })
  reasons: DecisionReason[];
  @Field(() => String) policyVersion: string;
  @Field(() => Date) decidedAt: Date;
  @Field(() => Date, {
    nullable: true,
    description:
      'The first instant after `at` at which this answer (allowed, its reasons, the policy version in effect) changes by itself as the records stand (a suspension starts or ends, an authorization starts or expires, a policy version takes effect); null when no such change is scheduled.',
  })
  validUntil: Date | null;
  @Field(() => Boolean, {
    description:
      'True when answered from memory while the service could not hear changes to the records (database or change feed lost), for at most ENTITLEMENT_STALE_MAX_S; writes made elsewhere since recordsAsOf may be missing.',
  })
  stale: boolean;
  @Field(() => Date, {
    nullable: true,
    description:
      'The instant up to which the records behind this answer are known to be current: when stale, the moment changes stopped being heard; otherwise the moment of answering.',
  })
  recordsAsOf: Date | null;
  @Field(() => String, {
    description:
      'Consistency token: this answer reflects every change committed up to this revision. Pass a revision from a mutation as `atLeast` to read your own writes on any server process.',
  })
  revision: string;
}
