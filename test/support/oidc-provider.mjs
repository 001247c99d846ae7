// A real OpenID provider (the oidc-provider package) for the console's sign-in
// tests. It listens first, so the API can be started with its issuer, and is
// configured once the console's redirect URI is known. Its development login
// form accepts any login; the user's roles go into the JWT access token that
// it issues for the API (a resource indicator).
import http from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export async function startOidcProvider() {
  let handler = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    /** users: login -> roles. */
    async configure({ clientId, redirectUri, audience, users }) {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
      // Its development-only notices (in-memory adapter, dev login form) are expected here.
      const quiet =
        (write) =>
        (...args) =>
          String(args[0]).startsWith('oidc-provider') ? undefined : write(...args);
      console.warn = quiet(console.warn);
      console.info = quiet(console.info);
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            token_endpoint_auth_method: 'none',
            redirect_uris: [redirectUri],
            post_logout_redirect_uris: [redirectUri.replace(/callback$/, '')],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [jwk] },
        cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
        findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
        features: {
          devInteractions: { enabled: true },
          resourceIndicators: {
            enabled: true,
            defaultResource: () => audience,
            useGrantedResource: () => true,
            getResourceServerInfo: () => ({
              scope: 'openid',
              audience,
              accessTokenFormat: 'jwt',
              accessTokenTTL: 600,
              jwt: { sign: { alg: 'RS256' } },
            }),
          },
        },
        extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' ? { roles: users[token.accountId] ?? [] } : undefined),
        pkce: { required: () => true },
        clientBasedCORS: (_ctx, origin) => origin === new URL(redirectUri).origin,
        ttl: { AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60 },
      });
      // Quiet: the provider logs its development-only warnings through console.
      provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${error.stack}\n`));
      handler = provider.callback();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
