import { THEME_CHOICES, useUiStore, type ThemeChoice } from '../state/ui-store';

const LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/** A three-way segmented switch: follow the system, or force light or dark. */
export function ThemeSwitch() {
  const theme = useUiStore((state) => state.theme);
  const setTheme = useUiStore((state) => state.setTheme);

  return (
    <div className="segmented" role="radiogroup" aria-label="Theme">
      {THEME_CHOICES.map((choice) => (
        <button
          key={choice}
          type="button"
          role="radio"
          aria-checked={theme === choice}
          className={theme === choice ? 'segment active' : 'segment'}
          onClick={() => setTheme(choice)}
        >
          {LABELS[choice]}
        </button>
      ))}
    </div>
  );
}
