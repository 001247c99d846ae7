import { Field, InputType, ObjectType } from 'type-graphql';
import { OrganizationKind, ProhibitedSector } from '../../domain/enums';
import { Industry } from './reference.types';

@ObjectType({ description: 'What the account declared about the organization behind it.' })
export class Organization {
  @Field(() => OrganizationKind) kind: OrganizationKind;
  @Field(() => String, { nullable: true }) legalName: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }) jurisdiction: string | null;
  @Field(() => Industry, { nullable: true }) industry?: Industry | null;
  @Field(() => [ProhibitedSector], { description: 'The prohibited sectors the organization says it operates in.' })
  declaredSectors: ProhibitedSector[];
  @Field(() => Boolean) performsPublicFunctions: boolean;
  @Field(() => Date, { description: 'When this declaration replaced the previous one.' }) declaredAt: Date;
}

@InputType()
export class OrganizationInput {
  @Field(() => OrganizationKind) kind: OrganizationKind;
  @Field(() => String, { nullable: true, description: 'Up to 200 characters; blank means none.' }) legalName?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, any case.' }) jurisdiction?: string | null;
  @Field(() => String, { nullable: true, description: 'A NAICS 2017 code; required before a non-individual is fully onboarded.' })
  naicsCode?: string | null;
  @Field(() => [ProhibitedSector], { nullable: true }) declaredSectors?: ProhibitedSector[] | null;
  @Field(() => Boolean, { nullable: true }) performsPublicFunctions?: boolean | null;
}
