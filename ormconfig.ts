import 'reflect-metadata';
import { createDataSource } from './src/database/data-source';

// The DataSource for TypeORM's CLI. It needs a running server: DATABASE_URL,
// or the embedded one that `npm start` leaves at its default address.
export default createDataSource({
  url: process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/entitlements`,
  applicationName: 'entitlement-api-cli',
});
