import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CatalogKind, MatchVerdict, ScreeningOverride } from '../../domain/enums';
import type { ScreeningResult } from '../../domain/screening/screening-index';
import './enums';
import { connectionTypes } from './pagination';

@ObjectType()
export class CatalogEntry {
  @Field(() => ID) id: string;
  @Field(() => CatalogKind) kind: CatalogKind;
  @Field(() => String) text: string;
  @Field(() => ScreeningOverride) override: ScreeningOverride;
  @Field(() => String, {
    nullable: true,
    description:
      'What a blocked input\'s suggestion puts in place of a reference to this entry ("glam rock with operatic vocals"); null: the reference is only removed.',
  })
  describeAs: string | null;
}

export const { ConnectionType: CatalogEntryConnection } = connectionTypes('CatalogEntry', CatalogEntry);
export type CatalogEntryConnection = InstanceType<typeof CatalogEntryConnection>;

// Checked in the service (trim, length, letters), the same rules the CSV import applies.
@InputType()
export class CatalogEntryInput {
  @Field(() => CatalogKind) kind: CatalogKind;
  @Field(() => String) text: string;
  @Field(() => ScreeningOverride, {
    nullable: true,
    description: 'Omitted: a new entry is AUTO and an entry already present keeps its override; given: it is set either way.',
  })
  override?: ScreeningOverride | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The entry's description for suggestions (1..200 characters, one line). Omitted, null or blank: a new entry has none and an entry already present keeps its own; given: it is set either way.",
  })
  describeAs?: string | null;
}

// Checked in the service (trim, length, one line), like the CSV's describeAs column.
@InputType()
export class SetCatalogEntryDescribeAsInput {
  @Field(() => ID) entryId: string;
  @Field(() => String, { nullable: true, description: 'Trimmed, 1..200 characters, one line. Null or omitted clears it.' })
  describeAs?: string | null;
}

@ObjectType({ description: 'One place in a screened input that refers to a protected catalog entry (10(c)).' })
export class InputMatch {
  @Field(() => ID) entryId: string;
  @Field(() => CatalogKind) kind: CatalogKind;
  @Field(() => String) clause: string;
  @Field(() => Int, { description: 'Offsets into the input as given, in UTF-16 code units, end exclusive.' })
  start: number;
  @Field(() => Int) end: number;
  @Field(() => MatchVerdict, { description: 'BLOCK makes the input not allowed; REVIEW is reported but allowed.' })
  verdict: MatchVerdict;
  @Field(() => [String], {
    description: 'The cues that decided the verdict (quotes, a cue phrase, capitals, a related entry, how common the words are).',
  })
  evidence: string[];
  @Field(() => String, { description: 'The matched catalog entry as stored.' })
  entryText: string;
}

@ObjectType()
export class InputScreening {
  @Field(() => Boolean, { description: 'False exactly when some match is BLOCK.' }) allowed: boolean;
  @Field(() => [InputMatch]) matches: InputMatch[];
  /** The screened text, kept for the suggestion field (never a field itself: the input is not echoed). */
  input: string;
  /** What the screen decided, kept for the suggestion field. */
  result: ScreeningResult;
  /** The suggestion once worked out. */
  suggested?: string | null;
}

export const SUGGESTION_DESCRIPTION =
  'Null when allowed. Otherwise a rewrite the user could send instead: each BLOCK reference removed with the cue that introduced it ("in the style of", "a song called", "-like"), or replaced by the entry\'s describeAs; REVIEW matches stay. Screened again before it is offered; null when nothing usable is left or the input names more than 100 protected entries.';
