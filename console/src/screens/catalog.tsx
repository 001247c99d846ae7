import Papa from 'papaparse';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { useClient } from 'urql';
import { isUnavailable, messageOf, useAction, useGql } from '../api';
import { graphql } from '../gql';
import type { CatalogEntryInput, CatalogKind, ScreeningOverride } from '../gql/graphql';
import { Badge, ErrorMessage, Field, Loading, Notice, Pager, Section, Unavailable } from '../ui';

const KINDS: CatalogKind[] = ['ARTIST', 'SONG_TITLE', 'ALBUM_TITLE', 'LYRICS', 'SONGWRITER', 'PUBLISHER', 'LABEL'];
const OVERRIDES: ScreeningOverride[] = ['AUTO', 'ALWAYS', 'NEVER'];
const BATCH = 500;

const SearchCatalog = graphql(`
  query SearchCatalog($search: String, $kind: CatalogKind, $after: String) {
    catalogEntriesConnection(search: $search, kind: $kind, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          text
          override
        }
      }
    }
  }
`);

const RecentCatalog = graphql(`
  query RecentCatalog($kind: CatalogKind) {
    catalogEntries(kind: $kind, limit: 50) {
      id
      kind
      text
    }
  }
`);

const AddEntries = graphql(`
  mutation AddCatalogEntries($entries: [CatalogEntryInput!]!) {
    addCatalogEntries(entries: $entries)
  }
`);

const RemoveEntry = graphql(`
  mutation RemoveCatalogEntry($id: ID!) {
    removeCatalogEntry(id: $id)
  }
`);

// Apart from the page itself, so that a server without descriptions still pages, searches and sets overrides.
const CatalogDescriptions = graphql(`
  query CatalogDescriptions($search: String, $kind: CatalogKind, $after: String) {
    catalogEntriesConnection(search: $search, kind: $kind, first: 50, after: $after) {
      edges {
        node {
          id
          describeAs
        }
      }
    }
  }
`);

const SetDescribeAs = graphql(`
  mutation SetCatalogEntryDescribeAs($input: SetCatalogEntryDescribeAsInput!) {
    setCatalogEntryDescribeAs(input: $input) {
      id
      describeAs
    }
  }
`);

const SetOverride = graphql(`
  mutation SetCatalogEntryOverride($id: ID!, $override: ScreeningOverride!) {
    setCatalogEntryOverride(id: $id, override: $override) {
      id
      override
    }
  }
`);

const Screen = graphql(`
  query ScreenInputFull($text: String!) {
    screenInput(text: $text) {
      allowed
      matches {
        start
        end
        kind
        clause
        entryId
        verdict
        entryText
        evidence
      }
    }
  }
`);

// Apart from the matches, so that a server without suggestions still screens.
const ScreenSuggestion = graphql(`
  query ScreenInputSuggestion($text: String!) {
    screenInput(text: $text) {
      suggestion
    }
  }
`);

const ScreenBasic = graphql(`
  query ScreenInputBasic($text: String!) {
    screenInput(text: $text) {
      allowed
      matches {
        start
        end
        kind
        clause
        entryId
      }
    }
  }
`);

export function CatalogScreen() {
  const [reload, setReload] = useState(0);
  return (
    <>
      <Browse key={reload} />
      <AddForm onDone={() => setReload((r) => r + 1)} />
      <ImportCsv onDone={() => setReload((r) => r + 1)} />
      <ScreeningTester />
    </>
  );
}

function Browse() {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<CatalogKind | ''>('');
  const [filter, setFilter] = useState<{ search: string; kind: CatalogKind | '' }>({ search: '', kind: '' });
  const [after, setAfter] = useState<string[]>([]);
  const paged = useGql(SearchCatalog, { search: filter.search || null, kind: filter.kind || null, after: after[after.length - 1] ?? null });
  const fallback = isUnavailable(paged.error);
  const recent = useGql(RecentCatalog, { kind: filter.kind || null }, !fallback);
  const described = useGql(
    CatalogDescriptions,
    { search: filter.search || null, kind: filter.kind || null, after: after[after.length - 1] ?? null },
    fallback,
  );
  const noDescriptions = fallback || isUnavailable(described.error);
  const descriptions = new Map((described.data?.catalogEntriesConnection.edges ?? []).map((e) => [e.node.id, e.node.describeAs ?? null]));
  const remove = useAction(RemoveEntry);
  const override = useAction(SetOverride);
  const refresh = fallback
    ? recent.refresh
    : () => {
        paged.refresh();
        described.refresh();
      };
  const rows: Array<{ id: string; kind: CatalogKind; text: string; override?: ScreeningOverride }> = fallback
    ? (recent.data?.catalogEntries ?? [])
    : (paged.data?.catalogEntriesConnection.edges.map((e) => e.node) ?? []);
  const page = paged.data?.catalogEntriesConnection;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAfter([]);
    setFilter({ search: text.trim(), kind });
  };
  return (
    <Section title="Protected catalog">
      <form className="row" role="search" onSubmit={submit}>
        <Field label="Search the catalog">
          {(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Field label="Kind">
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as CatalogKind | '')}>
              <option value="">Any</option>
              {KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Search</button>
      </form>
      {fallback ? <Unavailable what="catalog search and screening overrides" /> : <ErrorMessage message={messageOf(paged.error)} />}
      {!fallback && noDescriptions ? <Unavailable what="entry descriptions for suggestions" /> : null}
      <Loading when={paged.fetching || recent.fetching} />
      {page ? <p className="muted">{page.totalCount} entries</p> : null}
      <ErrorMessage message={remove.error ?? override.error} />
      <table>
        <caption className="sr-only">Catalog entries</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Text</th>
            {fallback ? null : <th scope="col">Screening</th>}
            {noDescriptions ? null : (
              <th scope="col" title="What a blocked prompt's suggestion puts in place of this entry">
                Described as
              </th>
            )}
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>{e.kind}</td>
              <td className="wrap">{e.text}</td>
              {fallback ? null : (
                <td>
                  <select
                    aria-label={`Screening override for ${e.text}`}
                    data-saved={e.override ?? 'AUTO'}
                    value={e.override ?? 'AUTO'}
                    onChange={async (ev) => {
                      if (await override.run({ id: e.id, override: ev.target.value as ScreeningOverride })) refresh();
                    }}
                  >
                    {OVERRIDES.map((o) => (
                      <option key={o}>{o}</option>
                    ))}
                  </select>
                </td>
              )}
              {noDescriptions ? null : (
                <td>
                  <DescribeAsEditor
                    key={`${e.id}:${descriptions.get(e.id) ?? ''}`}
                    entry={{ id: e.id, text: e.text, describeAs: descriptions.get(e.id) ?? null }}
                    onSaved={described.refresh}
                  />
                </td>
              )}
              <td>
                <button
                  type="button"
                  aria-label={`Remove ${e.kind} ${e.text}`}
                  onClick={async () => {
                    if (await remove.run({ id: e.id })) refresh();
                  }}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} after={after} setAfter={setAfter} />
    </Section>
  );
}

/** One entry's description: blank and saved clears it. */
function DescribeAsEditor({ entry, onSaved }: { entry: { id: string; text: string; describeAs: string | null }; onSaved: () => void }) {
  const save = useAction(SetDescribeAs);
  const [value, setValue] = useState(entry.describeAs ?? '');
  const saved = entry.describeAs ?? '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const describeAs = value.trim() === '' ? null : value;
    if (await save.run({ input: { entryId: entry.id, describeAs } })) onSaved();
  };
  return (
    <form className="inline" onSubmit={submit} aria-label={`Description of ${entry.text}`}>
      <input
        aria-label={`Described as, for ${entry.text}`}
        placeholder="e.g. glam rock with operatic vocals"
        maxLength={200}
        value={value}
        data-saved={saved}
        onChange={(ev) => setValue(ev.target.value)}
      />
      <button type="submit" aria-label={`Save the description of ${entry.text}`} disabled={save.busy || value.trim() === saved}>
        Save
      </button>
      <ErrorMessage message={save.error} />
    </form>
  );
}

function AddForm({ onDone }: { onDone: () => void }) {
  const add = useAction(AddEntries);
  const [kind, setKind] = useState<CatalogKind>('ARTIST');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const result = await add.run({ entries: [{ kind, text }] });
    if (result) {
      setMessage(result.addCatalogEntries === 1 ? 'Added.' : 'Already in the catalog.');
      setText('');
      onDone();
    }
  };
  return (
    <Section title="Add an entry">
      <form className="row" onSubmit={submit} aria-label="Add a catalog entry">
        <Field label="Entry kind">
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value as CatalogKind)}>
              {KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Entry text">{(id) => <input id={id} value={text} onChange={(e) => setText(e.target.value)} required />}</Field>
        <button type="submit" className="primary" disabled={add.busy}>
          Add
        </button>
      </form>
      <ErrorMessage message={add.error} />
      {message ? <p role="status">{message}</p> : null}
    </Section>
  );
}

/** Reads a CSV with the columns kind,text (and optionally override, describeAs), sends it in batches. */
function ImportCsv({ onDone }: { onDone: () => void }) {
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number; added: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setStatus(null);
    const parsed = Papa.parse<Record<string, string>>(await file.text(), {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim().toLowerCase(),
    });
    if (parsed.errors.length > 0) return setError(`Line ${(parsed.errors[0].row ?? 0) + 2}: ${parsed.errors[0].message}`);
    if (!parsed.meta.fields?.includes('kind') || !parsed.meta.fields.includes('text'))
      return setError('The file needs a header row with the columns kind and text.');
    const entries: CatalogEntryInput[] = parsed.data.map((row) => {
      const describeAs = row.describeas ?? row.describe_as;
      return {
        kind: row.kind.trim().toUpperCase() as CatalogKind,
        text: row.text,
        ...(row.override ? { override: row.override.trim().toUpperCase() as ScreeningOverride } : {}),
        ...(describeAs?.trim() ? { describeAs } : {}),
      };
    });
    setBusy(true);
    let added = 0;
    setProgress({ sent: 0, total: entries.length, added });
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      const result = await client.mutation(AddEntries, { entries: batch }).toPromise();
      if (result.error) {
        setError(`Rows ${i + 1} to ${i + batch.length}: ${messageOf(result.error)}`);
        setBusy(false);
        onDone();
        return;
      }
      added += result.data?.addCatalogEntries ?? 0;
      setProgress({ sent: i + batch.length, total: entries.length, added });
    }
    setBusy(false);
    setStatus(`Imported ${entries.length} rows: ${added} new, ${entries.length - added} already present.`);
    onDone();
  };

  return (
    <Section title="Import a CSV">
      <form className="row" onSubmit={run} aria-label="Import catalog entries from a CSV file">
        <Field label="CSV file" hint="Header row: kind,text (optional: override, describeAs)">
          {(id) => <input id={id} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />}
        </Field>
        <button type="submit" className="primary" disabled={busy || !file}>
          Import
        </button>
      </form>
      {progress ? (
        <div className="progress">
          <label htmlFor="import-progress">
            {progress.sent} of {progress.total} rows sent, {progress.added} new
          </label>
          <progress id="import-progress" max={progress.total || 1} value={progress.sent} />
        </div>
      ) : null}
      <ErrorMessage message={error} />
      {status ? (
        <p role="status" data-testid="import-status">
          {status}
        </p>
      ) : null}
    </Section>
  );
}

interface MatchView {
  start: number;
  end: number;
  kind: CatalogKind;
  clause: string;
  verdict?: string;
  entryText?: string;
  evidence?: string[];
}

function ScreeningTester() {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const full = useGql(Screen, { text: asked ?? '' }, asked === null);
  const fallback = isUnavailable(full.error);
  const basic = useGql(ScreenBasic, { text: asked ?? '' }, asked === null || !fallback);
  const result = fallback ? basic.data?.screenInput : full.data?.screenInput;
  const suggested = useGql(ScreenSuggestion, { text: asked ?? '' }, asked === null);
  const suggestion = suggested.data?.screenInput.suggestion ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(text);
  };
  return (
    <Section title="Screening tester">
      <form onSubmit={submit} aria-label="Screen a text against the catalog">
        <Field label="Text to screen" hint="Neither stored nor logged">
          {(id) => <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />}
        </Field>
        <button type="submit" className="primary">
          Screen
        </button>
      </form>
      {fallback ? <Unavailable what="match verdicts and evidence" /> : <ErrorMessage message={messageOf(full.error)} />}
      <ErrorMessage message={fallback ? messageOf(basic.error) : null} />
      {result && asked !== null ? (
        <div className="screening" role="region" aria-label="Screening result">
          <p>
            {result.allowed ? <Badge tone="ok">Allowed</Badge> : <Badge tone="bad">Blocked</Badge>} {result.matches.length} match
            {result.matches.length === 1 ? '' : 'es'}
          </p>
          <p className="highlighted">{highlight(asked, result.matches)}</p>
          {result.matches.length > 0 ? (
            <ul className="plain">
              {(result.matches as MatchView[]).map((m, i) => (
                <li key={i}>
                  <mark>{asked.slice(m.start, m.end)}</mark> {m.kind} (clause {m.clause})
                  {m.verdict ? (
                    <>
                      {' '}
                      <Badge tone={m.verdict === 'BLOCK' ? 'bad' : 'warn'}>{m.verdict}</Badge> matches “{m.entryText}”
                      {m.evidence?.length ? <span className="muted"> ({m.evidence.join('; ')})</span> : null}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <Notice>No catalog entry found in this text.</Notice>
          )}
          {suggestion !== null ? (
            <div className="card">
              <p>
                Suggested instead: <q data-testid="suggestion">{suggestion}</q>
              </p>
              <button
                type="button"
                onClick={() => {
                  setText(suggestion);
                  setAsked(suggestion);
                }}
              >
                Screen the suggestion
              </button>
            </div>
          ) : !result.allowed && !isUnavailable(suggested.error) && suggested.data ? (
            <p className="muted">No suggestion: nothing usable is left without the blocked references.</p>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}

/** The text with every matched range wrapped in <mark> (ranges are UTF-16 offsets, as JS strings). */
function highlight(text: string, matches: ReadonlyArray<{ start: number; end: number }>): ReactNode[] {
  const ranges = [...matches].sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  ranges.forEach((m, i) => {
    const start = Math.max(m.start, at);
    if (m.end <= start) return;
    if (start > at) out.push(<Fragment key={`t${i}`}>{text.slice(at, start)}</Fragment>);
    out.push(<mark key={`m${i}`}>{text.slice(start, m.end)}</mark>);
    at = m.end;
  });
  if (at < text.length) out.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return out;
}
