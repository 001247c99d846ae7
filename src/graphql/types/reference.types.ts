import { Field, ObjectType } from 'type-graphql';
import { ProhibitedSector } from '../../domain/enums';

@ObjectType()
export class Plan {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => Boolean) commercialUse: boolean;
}

@ObjectType()
export class Industry {
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => ProhibitedSector, { nullable: true }) prohibitedSector: ProhibitedSector | null;
  @Field(() => Boolean, { description: 'True for NAICS sector 92 (Public Administration): a government entity under 9(k).' })
  governmentSector: boolean;
  @Field(() => String, { nullable: true, description: 'The parent classification, when there is one.' })
  parentCode: string | null;
}

@ObjectType()
export class PolicyClause {
  @Field(() => String) clause: string;
  @Field(() => String) title: string;
}

@ObjectType()
export class PolicyVersion {
  @Field(() => String) version: string;
  @Field(() => Date) publishedAt: Date;
  @Field(() => Date) effectiveAt: Date;
  @Field(() => Boolean) significant: boolean;
  @Field(() => String) summary: string;
}
