import type { Overview } from '../../api/client';
import { formatCount, plural } from '../../format/format';

interface StatProps {
  label: string;
  value: number;
  hint: string;
  testId: string;
  /** Colours a count above zero: `alert` for files lost, `warn` for records lost. */
  tone?: 'alert' | 'warn';
}

function Stat({ label, value, hint, testId, tone }: StatProps) {
  const toneClass = tone !== undefined && value > 0 ? ` stat-${tone}` : '';
  return (
    <div className={`stat${toneClass}`}>
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId} data-value={value}>
        {formatCount(value)}
      </span>
      <span className="stat-hint">{hint}</span>
    </div>
  );
}

interface TotalsGridProps {
  totals: Overview['totals'];
  sources: number;
}

export function TotalsGrid({ totals, sources }: TotalsGridProps) {
  return (
    <div className="totals" data-testid="totals">
      <Stat
        label="Events"
        value={totals.events}
        hint={`from ${plural(sources, 'source')}`}
        testId="total-events"
      />
      <Stat
        label="Evidence files"
        value={totals.files}
        hint="read into the case"
        testId="total-files"
      />
      <Stat
        label="Failed files"
        value={totals.failedFiles}
        hint={
          totals.failedFiles > 0 ? 'could not be read, see below' : 'every file was read'
        }
        testId="total-failed-files"
        tone="alert"
      />
      <Stat
        label="Skipped events"
        value={totals.skippedEvents}
        hint="records left out of the case"
        testId="total-skipped-events"
        tone="warn"
      />
      <Stat
        label="Identities"
        value={totals.identities}
        hint="principals seen or inventoried"
        testId="total-identities"
      />
    </div>
  );
}
