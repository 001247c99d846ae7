import { createHash } from 'node:crypto';

/** The hash that precedes the first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  sequence: number;
  actor: string;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  /** ISO 8601 with milliseconds, as stored. */
  at: string;
  requestId: string | null;
}

export interface ChainedAuditRecord extends AuditRecord {
  prevHash: string;
  hash: string;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenSequence: number | null;
}

/**
 * JSON with object keys sorted at every depth, so that a value read back from
 * jsonb (which reorders keys) hashes exactly as it did when written.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** hash = sha256(prevHash + canonical event). */
export function auditHash(prevHash: string, record: AuditRecord): string {
  const body = canonicalJson({
    sequence: record.sequence,
    actor: record.actor,
    actorRole: record.actorRole,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    before: record.before ?? null,
    after: record.after ?? null,
    at: record.at,
    requestId: record.requestId ?? null,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Incremental verifier: feed events in sequence order, page by page. The
 * first altered, reordered or missing event is reported by its sequence.
 */
export class AuditChainVerifier {
  private expectedSequence = 1;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private broken: number | null = null;

  /** Returns false once the chain is broken (no need to read further). */
  feed(record: ChainedAuditRecord): boolean {
    if (this.broken !== null) return false;
    if (record.sequence !== this.expectedSequence) {
      // A gap means the expected event is missing; a repeat means a duplicate.
      this.broken = Math.min(record.sequence, this.expectedSequence);
      return false;
    }
    if (record.prevHash !== this.prevHash || auditHash(record.prevHash, record) !== record.hash) {
      this.broken = record.sequence;
      return false;
    }
    this.checked += 1;
    this.prevHash = record.hash;
    this.expectedSequence += 1;
    return true;
  }

  /** `lastSequence` is the highest sequence the store reports, to detect a tail that vanished. */
  result(lastSequence?: number): ChainVerification {
    if (this.broken === null && lastSequence !== undefined && lastSequence >= this.expectedSequence) {
      this.broken = this.expectedSequence;
    }
    return { ok: this.broken === null, checked: this.checked, firstBrokenSequence: this.broken };
  }
}

/** Values go through JSON before they are hashed and stored, so both see the same thing. */
export function toAuditValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
