import type { CaseStore } from '../store/case-store.js';
import { jsonObjects } from '../store/rows.js';
import type { Overview } from '../api/contract.js';

/** The case at a glance: small aggregates only, computed in DuckDB. */
export async function caseOverview(store: CaseStore): Promise<Overview> {
  return store.withConnection(async (conn) => {
    const read = async (sql: string) => jsonObjects(await conn.runAndReadAll(sql));

    const [totals] = await read(`SELECT
        (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM evidence_files) AS files,
        (SELECT count(*) FROM evidence_files WHERE status <> 'ok') AS failed_files,
        (SELECT coalesce(sum(events_skipped), 0) FROM evidence_files) AS skipped_events,
        (SELECT count(*) FROM identities) AS identities,
        (SELECT min(time) FROM events) AS first_event,
        (SELECT max(time) FROM events) AS last_event`);
    const bySource = await read(`SELECT source, count(*) AS events FROM events
        GROUP BY source ORDER BY events DESC`);
    const byDay =
      await read(`SELECT strftime(time_bucket(INTERVAL 1 DAY, time), '%Y-%m-%d') AS day,
        count(*) AS events FROM events WHERE time IS NOT NULL GROUP BY 1 ORDER BY 1`);
    const failed =
      await read(`SELECT file_id, path, error_code, error_message FROM evidence_files
        WHERE status <> 'ok' ORDER BY file_id LIMIT 200`);
    const busiest = await read(`SELECT actor_id, count(*) AS events,
        count_if(outcome = 'failure') AS failures,
        count(DISTINCT action) AS actions, max(time) AS last_seen,
        any_value(i.kind) AS kind
      FROM events LEFT JOIN identities i ON i.identity_id = events.actor_id
      WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY events DESC, actor_id LIMIT 10`);

    return {
      caseDir: store.dir,
      totals: {
        events: num(totals?.events),
        files: num(totals?.files),
        failedFiles: num(totals?.failed_files),
        skippedEvents: num(totals?.skipped_events),
        identities: num(totals?.identities),
      },
      timeRange: { first: str(totals?.first_event), last: str(totals?.last_event) },
      eventsBySource: bySource.map((r) => ({
        source: String(r.source),
        events: num(r.events),
      })),
      eventsByDay: byDay.map((r) => ({ day: String(r.day), events: num(r.events) })),
      failedFiles: failed.map((r) => ({
        fileId: num(r.file_id),
        path: String(r.path),
        code: String(r.error_code),
        message: String(r.error_message),
      })),
      busiestIdentities: busiest.map((r) => ({
        identityId: String(r.actor_id),
        kind: str(r.kind),
        events: num(r.events),
        failures: num(r.failures),
        actions: num(r.actions),
        lastSeen: str(r.last_seen),
      })),
    };
  });
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0);
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
