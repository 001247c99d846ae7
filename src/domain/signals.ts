// Identifying signals (9(n)): what makes two accounts one person's. Values are
// compared in a canonical form and stored only as keyed hashes of that form.
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { SignalKind } from './enums';

/** Longest value accepted, in characters after trimming. */
export const MAX_SIGNAL_VALUE_LENGTH = 512;
/** Most signals one call may report. */
export const MAX_SIGNALS_PER_CALL = 100;

/** A shared card or mailbox is one person's: such links deny while the other account is suspended. */
export const DENYING_SIGNAL_KINDS: readonly SignalKind[] = [SignalKind.EMAIL, SignalKind.PAYMENT_FINGERPRINT];
/** Kinds that join accounts into clusters; networks (IP addresses) are shared too widely to say anything alone. */
export const CLUSTER_SIGNAL_KINDS: readonly SignalKind[] = [SignalKind.EMAIL, SignalKind.PAYMENT_FINGERPRINT, SignalKind.DEVICE_ID];

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export type CanonicalSignal = { ok: true; value: string } | { ok: false; problem: string };

/**
 * The form in which a signal value is compared: trimmed and Unicode-NFC, then
 * per kind. EMAIL: lower-cased, plus-tag dropped, and for Gmail dots dropped
 * and googlemail.com folded into gmail.com. PAYMENT_FINGERPRINT and DEVICE_ID:
 * lower-cased. IP_ADDRESS: a valid IPv4 as is, IPv6 in RFC 5952 form (an
 * IPv4-mapped address as its IPv4, a zone index dropped).
 */
export function canonicalizeSignal(kind: SignalKind, raw: string): CanonicalSignal {
  const value = raw.normalize('NFC').trim();
  if (value.length === 0) return { ok: false, problem: 'value must not be empty' };
  // Counted in characters (code points), as PostgreSQL's length() does.
  if ([...value].length > MAX_SIGNAL_VALUE_LENGTH) {
    return { ok: false, problem: `value must be at most ${MAX_SIGNAL_VALUE_LENGTH} characters` };
  }
  switch (kind) {
    case SignalKind.EMAIL: {
      const email = canonicalEmail(value);
      return email === null ? { ok: false, problem: 'value must be an email address (local@domain)' } : { ok: true, value: email };
    }
    case SignalKind.IP_ADDRESS: {
      const ip = canonicalIp(value);
      return ip === null ? { ok: false, problem: 'value must be an IPv4 or IPv6 address' } : { ok: true, value: ip };
    }
    case SignalKind.PAYMENT_FINGERPRINT:
    case SignalKind.DEVICE_ID:
      return { ok: true, value: value.toLowerCase() };
  }
}

/** HMAC-SHA-256 of `${kind}:${canonical}` under the server's key, hex: the same value always gives the same hash. */
export function signalHash(key: string, kind: SignalKind, canonical: string): string {
  return createHmac('sha256', key).update(`${kind}:${canonical}`, 'utf8').digest('hex');
}

function canonicalEmail(value: string): string | null {
  const lower = value.toLowerCase();
  if (/\s/u.test(lower)) return null;
  const at = lower.indexOf('@');
  if (at < 1 || at !== lower.lastIndexOf('@') || at === lower.length - 1) return null;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  // "+tag" is a sub-address of the same mailbox; a local part that starts with "+" has no tag to drop.
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    const undotted = local.replace(/\./g, '');
    if (undotted.length > 0) local = undotted;
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

function canonicalIp(value: string): string | null {
  const version = isIP(value);
  // node accepts only dotted-decimal IPv4 without leading zeros, which is already canonical.
  if (version === 4) return value;
  if (version !== 6) return null;
  const groups = ipv6Groups(value.split('%')[0].toLowerCase());
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  return formatIpv6(groups);
}

/** The eight 16-bit groups of a valid IPv6 address (node has validated it). */
function ipv6Groups(address: string): number[] {
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [parseInt(g, 16)];
          const [a, b, c, d] = g.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const gap = address.indexOf('::');
  if (gap < 0) return parse(address);
  const left = parse(address.slice(0, gap));
  const right = parse(address.slice(gap + 2));
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952: lower-case hex without leading zeros; the longest run (first on a tie) of two or more zero groups as "::". */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
