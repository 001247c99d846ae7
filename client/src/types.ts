/** The ways of using the service that the policy decides on (the schema's `Use`). */
export type Use =
  | 'API_ACCESS'
  | 'AUTOMATED_DECISIONS'
  | 'COMMERCIAL'
  | 'COMPETING_PRODUCT'
  | 'EMBEDDING'
  | 'GAMBLING'
  | 'MODEL_TRAINING'
  | 'PERSONAL'
  | 'PROFESSIONAL_ADVICE'
  | 'RESALE'
  | 'REVERSE_ENGINEERING';

/** One reason a use is denied (the schema's `DecisionReason`). */
export interface DecisionReason {
  code: string;
  clause: string;
  message: string;
  remedy: string;
  authorization: string | null;
}

/** The schema's `Entitlement`, as the client reads it. */
export interface Entitlement {
  accountId: string;
  use: Use;
  allowed: boolean;
  reasons: DecisionReason[];
  policyVersion: string;
  decidedAt: string;
  validUntil: string | null;
  stale: boolean;
  recordsAsOf: string | null;
  revision: string;
}

/** Where an answer came from. */
export type AnswerSource = 'memory' | 'server' | 'fallback';

export interface CheckResult {
  accountId: string;
  use: Use;
  allowed: boolean;
  /** Empty exactly when allowed; empty too for a fallback answer. */
  reasons: readonly DecisionReason[];
  /**
   * `memory`: held here and kept current by the change stream; `server`: asked
   * just now; `fallback`: the server could not be reached, so this is the
   * caller's configured answer for the use (deny unless configured).
   */
  source: AnswerSource;
  /** True when the records behind the answer may be missing recent changes (always for a fallback). */
  stale: boolean;
  /** Up to when the records are known current (ISO 8601); null for a fallback. */
  recordsAsOf: string | null;
  /** The state this answer reflects at least; null for a fallback. */
  revision: string | null;
  /** When this decision changes by itself (ISO 8601); null when nothing is scheduled or for a fallback. */
  validUntil: string | null;
  policyVersion: string | null;
}

export interface CheckOptions {
  /** Answer from state at least this new (a revision from a write); combined with the client's noted revision. */
  atLeast?: string;
}

/** The answer per use when the server cannot be reached: a table (with `default`) or a function. Unset: deny. */
export type Fallback = Partial<Record<Use | 'default', boolean>> | ((accountId: string, use: Use) => boolean);

/** The state of the change stream. */
export interface StreamStatus {
  /** The socket is open and the subscription has been sent. */
  connected: boolean;
  /** Memory may answer: connected, settled after (re)subscribing, and heard from within the read timeout. */
  live: boolean;
  /** The cursor of the last change applied (opaque); null before the first one. */
  cursor: string | null;
  /** How often the stream had to start over without history (a new client, or CURSOR_EXPIRED). */
  resets: number;
  /** Reconnections after a drop or a silent peer. */
  reconnects: number;
}
