// Runs a TypeScript entry point without a build: node test/support/run-ts.cjs src/main.ts
// Each file is transpiled on require (the project compiles with isolatedModules,
// so file-by-file output is what tsc would emit). For tests that need the real
// server as a process of its own. Output is kept by content hash, so a second
// start costs what a build would.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const tsconfigPath = path.join(root, 'tsconfig.json');
const cacheDir = path.join(root, 'node_modules', '.cache', 'run-ts');
const salt = fs.readFileSync(tsconfigPath, 'utf8') + require('typescript/package.json').version;
fs.mkdirSync(cacheDir, { recursive: true });

let transpile = null;
function transpiler() {
  if (transpile) return transpile;
  const ts = require('typescript');
  const { config } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const compilerOptions = {
    ...options,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    sourceMap: false,
    inlineSourceMap: true,
  };
  transpile = (source, fileName) => ts.transpileModule(source, { compilerOptions, fileName }).outputText;
  return transpile;
}

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(salt).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = transpiler()(source, filename);
    const temp = `${cached}.${process.pid}`;
    fs.writeFileSync(temp, output);
    fs.renameSync(temp, cached); // atomic: parallel runs never read half a file
  }
  module._compile(output, filename);
};

require(path.resolve(process.argv[2]));
