import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../../src/graphql/schema';

test('schema.graphql is what the code emits (run `npm run schema:emit` after changing the API)', () => {
  const checkedIn = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
  expect(checkedIn).toBe(printAppSchema());
});
