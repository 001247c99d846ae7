import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from './pagination';
import { AppealDecision, AppealStatus, AuthorizationKind, ReportStatus } from '../../domain/enums';

// Lengths and dates are checked in the services, after trimming, with field-level messages.

@ObjectType({ description: 'A prior written authorization. `active` is computed at the time of the query.' })
export class Authorization {
  @Field(() => ID) id: string;
  @Field(() => ID) accountId: string;
  @Field(() => AuthorizationKind) kind: AuthorizationKind;
  @Field(() => String, { description: "The signed document's identifier." }) reference: string;
  @Field(() => Date) validFrom: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field(() => String, { description: 'The sub of the admin who granted it.' }) grantedBy: string;
}

@ObjectType({ description: 'A suspension under the Enforcement section. `active` is computed at the time of the query.' })
export class Suspension {
  @Field(() => ID) id: string;
  @Field(() => ID) accountId: string;
  @Field(() => String) clause: string;
  @Field(() => String) reason: string;
  @Field(() => Date) startsAt: Date;
  @Field(() => Date, { nullable: true }) endsAt: Date | null;
  @Field(() => Date, { nullable: true }) liftedAt: Date | null;
  @Field(() => String, { description: 'The sub of the admin who imposed it.' }) createdBy: string;
}

// Only what the reporter itself sent plus the report's own state: a reporter learns nothing about the subject.
@ObjectType()
export class Report {
  @Field(() => ID) id: string;
  @Field(() => ID) subjectAccountId: string;
  @Field(() => String) clause: string;
  @Field(() => String) description: string;
  @Field(() => ReportStatus) status: ReportStatus;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class Appeal {
  @Field(() => ID) id: string;
  @Field(() => ID) suspensionId: string;
  @Field(() => String) statement: string;
  @Field(() => AppealStatus) status: AppealStatus;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
}

@InputType()
export class GrantAuthorizationInput {
  @Field(() => ID) accountId: string;
  @Field(() => AuthorizationKind) kind: AuthorizationKind;
  @Field(() => String, { description: "The signed document's identifier, 1 to 200 characters." }) reference: string;
  @Field(() => Date, { nullable: true, description: 'Defaults to now.' }) validFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'After validFrom; absent for no expiry.' }) expiresAt?: Date | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class SuspendAccountInput {
  @Field(() => ID) accountId: string;
  @Field(() => String, { description: 'A clause of the policy, as numbered in policyClauses.' }) clause: string;
  @Field(() => String, { description: '1 to 2,000 characters.' }) reason: string;
  @Field(() => Date, { nullable: true, description: 'In the future; absent for an indefinite suspension.' }) endsAt?: Date | null;
}

@InputType()
export class FileReportInput {
  @Field(() => ID) subjectAccountId: string;
  @Field(() => String) clause: string;
  @Field(() => String, { description: '1 to 5,000 characters.' }) description: string;
}

@InputType()
export class ResolveReportInput {
  @Field(() => ReportStatus, { description: 'ACTION_TAKEN or DISMISSED.' }) status: ReportStatus;
  @Field(() => String) note: string;
}

@InputType()
export class FileAppealInput {
  @Field(() => ID) suspensionId: string;
  @Field(() => String, { description: '1 to 2,000 characters.' }) statement: string;
}

@InputType()
export class DecideAppealInput {
  @Field(() => AppealDecision) decision: AppealDecision;
  @Field(() => String) note: string;
}

@ObjectType({ description: 'Reports, oldest first.' })
export class ReportConnection extends Connection(Report, 'Report') {}

@ObjectType({ description: 'Appeals, oldest first.' })
export class AppealConnection extends Connection(Appeal, 'Appeal') {}
