// Lets `node -r ./test/support/ts-require.cjs src/cli/foo.ts` run a command
// straight from its TypeScript sources, so tests can spawn the real CLI
// without a build: each .ts file is transpiled (types stripped, decorator
// metadata kept) as it is required. Output is cached by content under the
// temporary directory, so only the first spawn of a run pays for it.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CACHE = path.join(os.tmpdir(), 'entitlement-api-ts-require');
fs.mkdirSync(CACHE, { recursive: true });
let ts = null;

const compilerOptions = () => ({
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
});

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(CACHE, `${createHash('sha256').update(filename).update('\0').update(source).digest('hex')}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    output = ts.transpileModule(source, { compilerOptions: compilerOptions(), fileName: filename }).outputText;
    // Written aside and renamed: parallel spawns never read half a file.
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, output);
    fs.renameSync(partial, cached);
  }
  module._compile(output, filename);
};
