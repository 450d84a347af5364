import { useUiStore } from '../state/ui-store';
import { OverviewView } from '../views/overview/OverviewView';

/** Shows the selected view. */
export function ViewOutlet() {
  const view = useUiStore((state) => state.view);

  switch (view) {
    case 'overview':
      return <OverviewView />;
  }
}
