import { useState, type FormEvent } from 'react';
import { messageOf, useAction, useGql } from '../api';
import { graphql } from '../gql';
import { Link } from '../router';
import { Badge, ErrorMessage, Field, isoOrNull, Loading, Section, When } from '../ui';

const Versions = graphql(`
  query PolicyVersions {
    policyVersions {
      version
      summary
      significant
      publishedAt
      effectiveAt
    }
    currentPolicy {
      version
    }
  }
`);

const Impact = graphql(`
  query PolicyImpact($version: String!) {
    policyVersionImpact(version: $version) {
      version
      significant
      effectiveAt
      affectedAccounts
      sampleAccountIds
    }
  }
`);

const Publish = graphql(`
  mutation PublishPolicyVersion($input: PublishPolicyVersionInput!) {
    publishPolicyVersion(input: $input) {
      version
    }
  }
`);

export function PolicyScreen() {
  const versions = useGql(Versions, {});
  const [preview, setPreview] = useState<string | null>(null);
  return (
    <>
      <Section title="Policy versions">
        <ErrorMessage message={messageOf(versions.error)} />
        <Loading when={versions.fetching} />
        <table>
          <caption className="sr-only">Every version, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Summary</th>
              <th scope="col">Significant</th>
              <th scope="col">Published</th>
              <th scope="col">Effective</th>
              <th scope="col">Impact</th>
            </tr>
          </thead>
          <tbody>
            {versions.data?.policyVersions.map((v) => (
              <tr key={v.version}>
                <td>
                  {v.version} {versions.data?.currentPolicy.version === v.version ? <Badge tone="ok">in effect</Badge> : null}
                </td>
                <td>{v.summary}</td>
                <td>{v.significant ? 'Yes' : 'No'}</td>
                <td>
                  <When at={v.publishedAt} />
                </td>
                <td>
                  <When at={v.effectiveAt} />
                </td>
                <td>
                  <button type="button" aria-label={`Preview the impact of ${v.version}`} onClick={() => setPreview(v.version)}>
                    Preview impact
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview ? <ImpactPanel version={preview} /> : null}
      </Section>
      <PublishForm onDone={versions.refresh} />
    </>
  );
}

function ImpactPanel({ version }: { version: string }) {
  const impact = useGql(Impact, { version });
  const i = impact.data?.policyVersionImpact;
  return (
    <div className="card" role="region" aria-label={`Impact of ${version}`}>
      <h3>Impact of {version}</h3>
      <ErrorMessage message={messageOf(impact.error)} />
      {i ? (
        <p>
          <strong>{i.affectedAccounts}</strong> account{i.affectedAccounts === 1 ? ' has' : 's have'} accepted neither this version nor a
          later one.{' '}
          {i.significant
            ? 'Once it takes effect they are denied until they accept.'
            : 'It is not significant: nothing is required of them.'}
          {i.sampleAccountIds.length > 0 ? (
            <>
              {' '}
              Some of them:{' '}
              {i.sampleAccountIds.map((id, n) => (
                <span key={id}>
                  {n > 0 ? ', ' : null}
                  <Link href={`/admin/accounts/${encodeURIComponent(id)}`}>{id}</Link>
                </span>
              ))}
              .
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

function PublishForm({ onDone }: { onDone: () => void }) {
  const publish = useAction(Publish);
  const [version, setVersion] = useState('');
  const [summary, setSummary] = useState('');
  const [significant, setSignificant] = useState(true);
  const [effectiveAt, setEffectiveAt] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const result = await publish.run({
      input: { version, summary, significant, effectiveAt: isoOrNull(effectiveAt) ?? new Date().toISOString() },
    });
    if (result) {
      setDone(`Published ${result.publishPolicyVersion.version}.`);
      setVersion('');
      setSummary('');
      onDone();
    }
  };
  return (
    <Section title="Publish a version">
      <form onSubmit={submit} aria-label="Publish a policy version">
        <div className="row">
          <Field label="Version">
            {(id) => <input id={id} value={version} onChange={(e) => setVersion(e.target.value)} required maxLength={50} />}
          </Field>
          <Field label="Takes effect" hint="In your local time; a significant version needs the notice period">
            {(id) => <input id={id} type="datetime-local" value={effectiveAt} onChange={(e) => setEffectiveAt(e.target.value)} required />}
          </Field>
          <div className="field check">
            <label>
              <input type="checkbox" checked={significant} onChange={(e) => setSignificant(e.target.checked)} /> Significant (accounts must
              accept it)
            </label>
          </div>
        </div>
        <Field label="Summary of the change">
          {(id) => <textarea id={id} value={summary} onChange={(e) => setSummary(e.target.value)} required maxLength={2000} rows={3} />}
        </Field>
        <button type="submit" className="primary" disabled={publish.busy}>
          Publish
        </button>
        <ErrorMessage message={publish.error} />
        {done ? <p role="status">{done}</p> : null}
      </form>
    </Section>
  );
}
