import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from './pagination';

@ObjectType()
export class AuditEvent {
  @Field(() => ID) id: string;
  @Field(() => Int) sequence: number;
  @Field(() => String) actor: string;
  @Field(() => String, { description: 'The role the actor acted in.' }) actorRole: string;
  @Field(() => String) action: string;
  @Field(() => String) targetType: string;
  @Field(() => String) targetId: string;
  @Field(() => Date) at: Date;
  @Field(() => String, { nullable: true }) requestId: string | null;
  @Field(() => String, { nullable: true, description: 'The state before the change, as JSON.' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'The state after the change, as JSON.' }) after: string | null;
  @Field(() => String) prevHash: string;
  @Field(() => String) hash: string;
}

@ObjectType()
export class AuditVerification {
  @Field(() => Boolean) ok: boolean;
  @Field(() => Int) checked: number;
  @Field(() => Int, { nullable: true }) firstBrokenSequence: number | null;
}

@ObjectType({ description: 'Audit events, newest first.' })
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent') {}
