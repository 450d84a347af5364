/**
 * Sets `identities.is_machine` and `machine_reason` for every identity, from the rules
 * in rules.ts. Runs inside refreshIdentities' transaction, after the rows are rebuilt.
 *
 * Two passes: the first classifies each identity on its own facts; the second lets a
 * role whose logged sessions were all minted by machines (a deploy role assumed only by
 * a CI role) be called a machine too. One step deep, so a loop of roles cannot spin.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readIdentityFacts } from './facts.js';
import { classifyIdentity, type Classification } from './rules.js';

export async function classifyIdentities(conn: DuckDBConnection): Promise<void> {
  const facts = await readIdentityFacts(conn);
  const first = new Map<string, Classification>(
    facts.map((f) => [f.identityId, classifyIdentity(f)]),
  );
  const rows = facts.map((f) => {
    let c = first.get(f.identityId) ?? classifyIdentity(f);
    if (c.isMachine === null && f.sessionMinters.length > 0) {
      const mintersAllMachine = f.sessionMinters.every(
        (m) => first.get(m)?.isMachine === true,
      );
      c = classifyIdentity({ ...f, mintersAllMachine });
    }
    return {
      identity_id: f.identityId,
      is_machine: c.isMachine,
      machine_reason: c.reason,
    };
  });

  const type = JSON.stringify([
    { identity_id: 'VARCHAR', is_machine: 'BOOLEAN', machine_reason: 'VARCHAR' },
  ]);
  await conn.run(
    `UPDATE identities SET is_machine = x.is_machine, machine_reason = x.machine_reason
     FROM (SELECT r.identity_id, r.is_machine, r.machine_reason
           FROM (SELECT unnest(from_json($1::JSON, '${type}')) AS r)) x
     WHERE identities.identity_id = x.identity_id`,
    [JSON.stringify(rows)],
  );
}
