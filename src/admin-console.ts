// The admin console: a static single-page app at /admin, built from console/
// by `npm run build:console`. It holds no secret; its public sign-in settings
// come from /admin/config.json. Every page is served under a strict
// Content-Security-Policy: scripts and styles from this origin only, no inline
// code, no framing, and requests only to this origin and the OIDC issuer.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Express, Request, Response, Router } from 'express';
import helmet from 'helmet';
import type { Config } from './config';

/** What the console needs to start a sign-in; all of it is public. */
export interface ConsolePublicConfig {
  mode: 'oidc' | 'dev';
  issuer: string | null;
  clientId: string | null;
  scopes: string;
  resource: string | null;
}

export function consolePublicConfig(config: Config): ConsolePublicConfig {
  const { issuer } = config.auth;
  const { oidcClientId, oidcScopes, oidcResource } = config.adminConsole;
  const oidc = issuer !== null && oidcClientId !== null;
  return {
    mode: oidc ? 'oidc' : 'dev',
    issuer: oidc ? issuer : null,
    clientId: oidc ? oidcClientId : null,
    scopes: oidcScopes,
    resource: oidc ? (oidcResource ?? config.auth.audience) : null,
  };
}

/** The built console: next to src/ when run by ts-node or jest, two levels up from dist/src/. */
export function consoleBuildDir(): string | null {
  const candidates = [resolve(__dirname, '..', 'console', 'dist'), resolve(__dirname, '..', '..', 'console', 'dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

function originOf(url: string | null): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

export function adminConsoleRouter(config: Config, buildDir: string | null = consoleBuildDir()): Router {
  const router = Router();
  const publicConfig = consolePublicConfig(config);
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          // The OIDC client reads the issuer's discovery document and calls its token endpoint.
          connectSrc: ["'self'", ...originOf(publicConfig.issuer)],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    }),
  );
  router.get('/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(publicConfig);
  });
  if (!buildDir) {
    router.use((_req, res) => {
      res.status(503).type('text/plain').send('The admin console is not built: run `npm run build:console`.\n');
    });
    return router;
  }
  router.use(
    '/assets',
    express.static(join(buildDir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    (_req: Request, res: Response) => {
      res.status(404).type('text/plain').send('Not found\n');
    },
  );
  router.use(express.static(buildDir, { index: false, maxAge: 0 }));
  // Every other path is a screen of the app: the client routes it. Sent
  // relative to its root: given an absolute path, send refuses any dot
  // segment in it, so an install under ~/.local or the like would answer 500.
  router.get('/{*screen}', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.sendFile('index.html', { root: buildDir });
  });
  return router;
}

/** The console at /admin; /favicon.ico, asked for by browsers on any page of the origin, points at its icon. */
export function mountAdminConsole(app: Express, config: Config, buildDir: string | null = consoleBuildDir()): void {
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/admin/favicon.svg'));
  app.use('/admin', adminConsoleRouter(config, buildDir));
}
