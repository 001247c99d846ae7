// The change feed's rules: event types, the retry schedule, which addresses a
// webhook may reach, and when an entitlement counts as changed. Pure.

import ipaddr from 'ipaddr.js';
import type { EntitlementDecision } from './decide-entitlement';

/** Every event type the feed emits; endpoints subscribe to a subset. */
export enum WebhookEventType {
  ACCOUNT_CREATED = 'account.created',
  ACCOUNT_PLAN_CHANGED = 'account.plan_changed',
  ORGANIZATION_DECLARED = 'organization.declared',
  AUTHORIZATION_GRANTED = 'authorization.granted',
  AUTHORIZATION_REVOKED = 'authorization.revoked',
  SUSPENSION_CREATED = 'suspension.created',
  SUSPENSION_LIFTED = 'suspension.lifted',
  REPORT_FILED = 'report.filed',
  REPORT_RESOLVED = 'report.resolved',
  APPEAL_FILED = 'appeal.filed',
  APPEAL_DECIDED = 'appeal.decided',
  POLICY_PUBLISHED = 'policy.published',
  POLICY_ACCEPTED = 'policy.accepted',
  ENTITLEMENT_CHANGED = 'entitlement.changed',
}

export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.values(WebhookEventType);

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}

export interface RetryPolicy {
  /** Delay after the first failed attempt; doubled after each further failure. */
  baseMs: number;
  /** No single wait is longer than this. */
  maxDelayMs: number;
  /** A delivery still failing this long after its first attempt is dead. */
  retryForMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, maxDelayMs: 6 * 3_600_000, retryForMs: 3 * 86_400_000 };

/**
 * When to try a failed delivery again, or null when it is dead: exponential
 * from baseMs, capped at maxDelayMs, for retryForMs after the first attempt.
 */
export function nextAttemptAt(policy: RetryPolicy, failedAttempts: number, firstAttemptAt: Date, now: Date): Date | null {
  if (now.getTime() - firstAttemptAt.getTime() >= policy.retryForMs) return null;
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  const delay = Math.min(policy.baseMs * 2 ** exponent, policy.maxDelayMs);
  return new Date(now.getTime() + delay);
}

/** The full schedule of waits until dead, for documentation and tests. */
export function retrySchedule(policy: RetryPolicy): number[] {
  const waits: number[] = [];
  let elapsed = 0;
  for (let failed = 1; ; failed += 1) {
    const next = nextAttemptAt(policy, failed, new Date(0), new Date(elapsed));
    if (next === null) return waits;
    waits.push(next.getTime() - elapsed);
    elapsed = next.getTime();
  }
}

/** True for an address on the public internet: no loopback, private, link-local, ULA, CGNAT, multicast or reserved range. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The static part of the endpoint rules: a URL, http(s) only, https only in
 * production, and in production no literal private address or local name.
 * Names are resolved and checked again at save and at every delivery.
 */
export function checkEndpointUrl(raw: string, production: boolean): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'only http and https URLs are allowed' };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  if (raw.length > 2048) return { ok: false, reason: 'longer than 2048 characters' };
  if (!production) return { ok: true, url };
  if (url.protocol !== 'https:') return { ok: false, reason: 'only https URLs are allowed' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return { ok: false, reason: 'the address is not public' };
  if (!ipaddr.isValid(host) && (!host.includes('.') || /\.(localhost|local|internal|localdomain)$/i.test(host) || host === 'localhost')) {
    return { ok: false, reason: 'the host name is not public' };
  }
  return { ok: true, url };
}

/** What is remembered of a decision to tell whether it changed: the answer and its reasons, not the time. */
export interface DecisionState {
  allowed: boolean;
  reasons: string[];
}

export type EntitlementState = Record<string, DecisionState>;

export function stateOf(decisions: readonly EntitlementDecision[]): EntitlementState {
  const state: EntitlementState = {};
  for (const d of decisions) state[d.use] = { allowed: d.allowed, reasons: d.reasons.map((r) => `${r.code}:${r.clause}`) };
  return state;
}

/** The uses whose decision differs between two states (every use when there is no previous state). */
export function changedUses(previous: EntitlementState | null, next: EntitlementState): string[] {
  return Object.keys(next).filter((use) => {
    const before = previous?.[use];
    const after = next[use];
    return !before || before.allowed !== after.allowed || before.reasons.join('|') !== after.reasons.join('|');
  });
}

/** The earliest instant at which any of these decisions can change by time alone. */
export function earliestValidUntil(decisions: readonly EntitlementDecision[]): Date | null {
  let earliest: Date | null = null;
  for (const d of decisions) if (d.validUntil && (earliest === null || d.validUntil < earliest)) earliest = d.validUntil;
  return earliest;
}
