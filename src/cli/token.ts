import { parseArgs } from 'node:util';
import { issueToken } from '../auth/token-issuer';
import { ConfigError, loadConfig } from '../config';
import { loadOrCreateLocalSecrets } from '../secrets';

// npm run token -- --role admin [--role service] [--sub ID] [--expires 8h]
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: ['admin'] },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const config = loadConfig();
  if (config.auth.jwksUrl && !config.auth.jwtSecret) {
    throw new ConfigError('tokens come from your identity provider when AUTH_JWKS_URL is set');
  }
  const secret = config.auth.jwtSecret ?? loadOrCreateLocalSecrets(config.dataDir).jwtSecret;
  const roles = values.role ?? ['admin'];
  const token = await issueToken(secret, {
    sub: values.sub ?? `${roles[0]}-cli`,
    roles,
    expiresIn: values.expires,
    issuer: config.auth.issuer ?? undefined,
    audience: config.auth.audience ?? undefined,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? 'configuration error: ' : ''}${error.message}\n`);
  process.exit(1);
});
