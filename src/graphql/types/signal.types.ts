import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AccountStatus, SignalKind } from '../../domain/enums';
import { Connection } from './pagination';

// Values are checked in the service (empty, over 512 characters, malformed), naming signals[i].value.

@InputType()
export class AccountSignalInput {
  @Field(() => SignalKind) kind: SignalKind;
  @Field(() => String, { description: 'As seen; compared in canonical form and stored only as a keyed hash. At most 512 characters.' })
  value: string;
}

@ObjectType({ description: 'Another account that shares identifying signals with the one asked about (9(n)).' })
export class LinkedAccount {
  @Field(() => ID) accountId: string;
  @Field(() => [SignalKind], { description: 'The kinds of signal the two accounts share.' }) sharedSignals: SignalKind[];
  @Field(() => AccountStatus, { description: 'SUSPENDED exactly when a suspension is in force now.' }) status: AccountStatus;
  @Field(() => String) planCode: string;
}

@ObjectType({
  description: 'Accounts connected through EMAIL, PAYMENT_FINGERPRINT or DEVICE_ID links, directly or through a chain (9(n)).',
})
export class AccountCluster {
  @Field(() => [ID], { description: 'Every member, paid ones included.' }) accountIds: string[];
  @Field(() => [SignalKind], { description: 'The kinds of signal whose values members share.' }) sharedSignals: SignalKind[];
  @Field(() => Int, { description: 'Members on plans without commercial use.' }) freeAccounts: number;
}

@ObjectType({ description: 'Linked accounts: those sharing an EMAIL or PAYMENT_FINGERPRINT first, then the most shared kinds.' })
export class LinkedAccountConnection extends Connection(LinkedAccount, 'LinkedAccount') {}
