import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../graphql/schema';

// Writes schema.graphql from the code; a test fails when the two differ.
const target = join(__dirname, '..', '..', '..', 'schema.graphql');
writeFileSync(target, printAppSchema());
process.stdout.write(`wrote ${target}\n`);
