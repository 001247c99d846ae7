// Writes the schema the console's operation types are generated from:
// schema.graphql plus whatever part of pending-schema.graphql it does not
// have yet (types, fields, enum values, input fields). Once the server has
// them all, the output equals schema.graphql.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, extendSchema, parse, printSchema, Kind } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const base = buildSchema(readFileSync(process.env.CONSOLE_BASE_SCHEMA ?? join(root, 'schema.graphql'), 'utf8'));
const pending = parse(readFileSync(join(here, '..', 'pending-schema.graphql'), 'utf8'));

const EXTENSIONS = new Set([Kind.OBJECT_TYPE_EXTENSION, Kind.INPUT_OBJECT_TYPE_EXTENSION, Kind.ENUM_TYPE_EXTENSION]);
const missing = [];
for (const def of pending.definitions) {
  const existing = base.getType(def.name.value);
  if (!EXTENSIONS.has(def.kind)) {
    if (!existing) missing.push(def);
    continue;
  }
  const have = existing ? (existing.getValues?.() ?? Object.values(existing.getFields())).map((f) => f.name) : [];
  const key = def.kind === Kind.ENUM_TYPE_EXTENSION ? 'values' : 'fields';
  const rest = def[key].filter((f) => !have.includes(f.name.value));
  if (rest.length > 0) missing.push({ ...def, [key]: rest });
}
const schema = missing.length ? extendSchema(base, { kind: Kind.DOCUMENT, definitions: missing }) : base;
const out = join(here, '..', 'generated', 'schema.graphql');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, printSchema(schema));
process.stdout.write(`console schema: ${missing.length} pending definition(s) not yet in schema.graphql\n`);
