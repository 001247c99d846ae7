import pino from 'pino';

// JSON lines; anything that could carry a credential is redacted by path.
export function createLogger(level: string): pino.Logger {
  return pino({
    level,
    base: { service: 'entitlement-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token', 'password', 'secret', '*.secret', 'databaseUrl'],
      censor: '[redacted]',
    },
  });
}

export type Logger = pino.Logger;
