import { useCaseInfo } from '../api/hooks';
import { ThemeSwitch } from './ThemeSwitch';

/** Brand, the open case's folder, the engine's version and the theme switch. */
export function Header() {
  const caseInfo = useCaseInfo();
  const info = caseInfo.data;

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Keytrail</span>
      </div>
      <div className="case-label">
        <span className="case-caption">Case</span>
        <span className="case-dir" data-testid="case-dir" title={info?.caseDir}>
          {info?.caseDir ?? (caseInfo.isError ? 'unavailable' : '…')}
        </span>
      </div>
      <div className="header-end">
        {info && (
          <span className="version" data-testid="keytrail-version">
            v{info.keytrailVersion}
          </span>
        )}
        <ThemeSwitch />
      </div>
    </header>
  );
}
