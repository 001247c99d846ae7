/**
 * Budgets no test reaches: suites send many requests with a few tokens. The
 * quota path still runs on every request (headers, extensions.cost); the
 * quota tests set small budgets of their own.
 */
export const UNREACHED_QUOTAS: Record<string, string> = {
  QUOTA_ADMIN_POINTS: '1000000000',
  QUOTA_SERVICE_POINTS: '1000000000',
  QUOTA_USER_POINTS: '1000000000',
  QUOTA_PLAN_POINTS: 'free=1000000000,pro=1000000000,enterprise=1000000000',
};
