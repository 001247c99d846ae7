export interface Replica {
  port: number;
  url(database?: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs one statement on the replica. */
  query(text: string, values?: unknown[]): Promise<Array<Record<string, any>>>;
}

export interface ReplicatedCluster {
  primaryUrl(database?: string): string;
  replica: Replica;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function startReplicatedCluster(options?: {
  database?: string;
  prepare?: (primaryUrl: string) => Promise<void>;
}): Promise<ReplicatedCluster>;
