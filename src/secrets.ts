import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface StoredSecrets {
  jwtSecret: string;
  signalHashKey: string;
}

/**
 * On the embedded default the service keeps its own secrets under DATA_DIR,
 * created once with owner-only permissions, so tokens and signal hashes stay
 * valid across restarts.
 */
export function loadOrCreateLocalSecrets(dataDir: string): StoredSecrets {
  const dir = resolve(dataDir);
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredSecrets>;
    if (parsed.jwtSecret && parsed.signalHashKey) return parsed as StoredSecrets;
  }
  mkdirSync(dir, { recursive: true });
  const secrets: StoredSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    signalHashKey: randomBytes(48).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
