// Prints the node flags the server's process should start with on this
// machine (npm start: `node $(node dist/src/cli/node-flags.js) dist/src/main.js`).
// A cluster primary passes its workers their own (src/cluster/primary.ts).
import { availableParallelism } from 'node:os';
import { gcFlags } from '../cluster/gc-flags';

process.stdout.write(gcFlags(1, availableParallelism()).join(' '));
