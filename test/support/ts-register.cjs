// Lets a child process run the TypeScript sources directly (`node -r
// ./test/support/ts-register.cjs src/main.ts`), so tests can start the real
// server, cluster included, without a build. Each file is transpiled alone
// (the code base is isolatedModules-clean) and cached by content.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
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

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(ts.version).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
    const temp = `${cached}.${process.pid}`;
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, cached);
  }
  module._compile(code, filename);
};
