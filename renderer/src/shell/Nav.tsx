import { useUiStore } from '../state/ui-store';
import { VIEWS } from './views';

export function Nav() {
  const view = useUiStore((state) => state.view);
  const showView = useUiStore((state) => state.showView);

  return (
    <nav className="app-nav" aria-label="Views">
      {VIEWS.map((entry) => (
        <button
          key={entry.id}
          type="button"
          className={entry.id === view ? 'nav-item active' : 'nav-item'}
          aria-current={entry.id === view ? 'page' : undefined}
          onClick={() => showView(entry.id)}
        >
          {entry.label}
        </button>
      ))}
    </nav>
  );
}
