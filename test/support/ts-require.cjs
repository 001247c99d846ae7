// Lets `node -r ./test/support/ts-require.cjs src/cli/foo.ts` run a command
// straight from its TypeScript sources, so tests can spawn the real CLI
// without a build: each .ts file is transpiled (types stripped, decorator
// metadata kept) as it is required.
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
