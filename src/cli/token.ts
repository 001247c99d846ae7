import { issueToken } from '../auth/token-issuer';
import { ConfigError, loadConfig } from '../config';
import { loadOrCreateLocalSecrets } from '../secrets';
import { parseTokenArgs, UsageError } from './token-args';

// npm run token -- --role admin [--role service] [--sub ID] [--expires 8h]; --role user needs --sub <account id>
async function main(): Promise<void> {
  const args = parseTokenArgs(process.argv.slice(2));
  const config = loadConfig();
  if (config.auth.jwksUrl && !config.auth.jwtSecret) {
    throw new ConfigError('tokens come from your identity provider when AUTH_JWKS_URL is set');
  }
  const secret = config.auth.jwtSecret ?? loadOrCreateLocalSecrets(config.dataDir).jwtSecret;
  const token = await issueToken(secret, {
    sub: args.sub,
    roles: args.roles,
    expiresIn: args.expiresIn,
    issuer: config.auth.issuer ?? undefined,
    audience: config.auth.audience ?? undefined,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof ConfigError ? 'configuration error: ' : ''}${error.message}\n`);
  process.exit(1);
});
