import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from './pagination';

/**
 * An account as the API shows it. Resolvers receive the AccountEntity as the
 * root value; computed fields (plan, organization, status, ...) are field
 * resolvers in the resolver classes of the aggregates that own them.
 */
@ObjectType()
export class Account {
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String) displayName: string;
  @Field(() => Date) createdAt: Date;

  // Carried for field resolvers; not exposed as is.
  planCode: string;
  governmentVerified: boolean | null;
}

@InputType()
export class CreateAccountInput {
  @Field(() => String, { description: 'Trimmed and lower-cased; one account per address.' }) email: string;
  @Field(() => String, { description: '1 to 100 characters after trimming.' }) displayName: string;
  @Field(() => String, { defaultValue: 'free' }) planCode: string;
}

@ObjectType({ description: 'Accounts, newest first.' })
export class AccountConnection extends Connection(Account, 'Account') {}
