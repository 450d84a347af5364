import { Header } from './Header';
import { Nav } from './Nav';
import { useApplyTheme } from './use-apply-theme';
import { ViewOutlet } from './ViewOutlet';

/** The frame every view lives in: header, nav, and the selected view. */
export function AppShell() {
  useApplyTheme();

  return (
    <div className="app">
      <Header />
      <Nav />
      <main className="app-main">
        <ViewOutlet />
      </main>
    </div>
  );
}
