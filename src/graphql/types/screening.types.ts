import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CatalogKind } from '../../domain/enums';

@ObjectType()
export class CatalogEntry {
  @Field(() => ID) id: string;
  @Field(() => CatalogKind) kind: CatalogKind;
  @Field(() => String) text: string;
}

// Checked in the service (trim, length, letters), the same rules the CSV import applies.
@InputType()
export class CatalogEntryInput {
  @Field(() => CatalogKind) kind: CatalogKind;
  @Field(() => String) text: string;
}

@ObjectType({ description: 'One place in a screened input that refers to a protected catalog entry (10(c)).' })
export class InputMatch {
  @Field(() => ID) entryId: string;
  @Field(() => CatalogKind) kind: CatalogKind;
  @Field(() => String) clause: string;
  @Field(() => Int, { description: 'Offsets into the input as given, in UTF-16 code units, end exclusive.' })
  start: number;
  @Field(() => Int) end: number;
}

@ObjectType()
export class InputScreening {
  @Field(() => Boolean) allowed: boolean;
  @Field(() => [InputMatch]) matches: InputMatch[];
}
