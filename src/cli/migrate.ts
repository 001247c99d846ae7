import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveRuntime } from '../bootstrap';
import { ConfigError, loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { systemClock } from '../infrastructure/clock';
import { createLogger } from '../logger';

// npm run migration:run | migration:revert | migration:generate -- <kebab-name>
// Works on DATABASE_URL or on the embedded database under DATA_DIR.
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
  const { databaseUrl, embedded } = await resolveRuntime(config, logger, { needsSecrets: false });
  const dataSource = createDataSource({ url: databaseUrl, applicationName: 'entitlement-api-migrate' });
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? applied.map((m) => `applied ${m.name}\n`).join('') : 'nothing to apply\n');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
    } else if (command === 'generate') {
      if (!name || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error('usage: migration:generate -- <kebab-case-name>');
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        process.stdout.write('entities and database agree: nothing to generate\n');
        return;
      }
      const timestamp = systemClock().now().getTime();
      const className =
        name
          .split('-')
          .map((p) => p[0].toUpperCase() + p.slice(1))
          .join('') + timestamp;
      const q = (s: string) => JSON.stringify(s);
      const up = sql.upQueries
        .map((u) => `    await q.query(${q(u.query)}${u.parameters?.length ? `, ${JSON.stringify(u.parameters)}` : ''});`)
        .join('\n');
      const down = sql.downQueries
        .reverse()
        .map((d) => `    await q.query(${q(d.query)}${d.parameters?.length ? `, ${JSON.stringify(d.parameters)}` : ''});`)
        .join('\n');
      const file = join(__dirname, '..', '..', '..', 'migrations', `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${up}
  }

  async down(q: QueryRunner): Promise<void> {
${down}
  }
}
`,
      );
      process.stdout.write(`wrote ${file}: review it before committing\n`);
    } else {
      throw new Error('usage: migrate run | revert | generate <name>');
    }
  } finally {
    await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? 'configuration error: ' : ''}${error?.message ?? String(error)}\n`);
  process.exit(1);
});
