import { useId, type ReactNode } from 'react';

export function ErrorMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

export function Loading({ when }: { when: boolean }) {
  return when ? (
    <p className="muted" role="status">
      Loading…
    </p>
  ) : null;
}

/** A labelled control: the label names it for assistive technology. */
export function Field({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint ? <small className="muted">{hint}</small> : null}
    </div>
  );
}

export function When({ at }: { at: string | null | undefined }) {
  if (!at) return <span className="muted">—</span>;
  const d = new Date(at);
  return (
    <time dateTime={at}>
      {d
        .toISOString()
        .replace('T', ' ')
        .replace(/:\d\d\.\d+Z$/, ' UTC')}
    </time>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'bad' | 'warn' | 'plain'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** datetime-local value (local time) to an ISO instant; empty means none. */
export function isoOrNull(local: string): string | null {
  return local.trim() === '' ? null : new Date(local).toISOString();
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Unavailable({ what }: { what: string }) {
  return <Notice>Not offered by this server yet: {what}. Showing what it has.</Notice>;
}

/** Previous/next over a Relay connection; `after` is the stack of cursors that led here. */
export function Pager({
  page,
  after,
  setAfter,
  labels = ['Previous page', 'Next page'],
}: {
  page: { pageInfo: { hasNextPage: boolean; endCursor?: string | null } } | undefined;
  after: string[];
  setAfter: (a: string[]) => void;
  labels?: [string, string];
}) {
  if (!page || (after.length === 0 && !page.pageInfo.hasNextPage)) return null;
  return (
    <div className="pager">
      <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>
        {labels[0]}
      </button>
      <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => setAfter([...after, page.pageInfo.endCursor!])}>
        {labels[1]}
      </button>
    </div>
  );
}
