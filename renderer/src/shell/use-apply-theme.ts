import { useEffect } from 'react';

import { useUiStore } from '../state/ui-store';

/**
 * Mirrors the theme choice onto `<html data-theme>`. With no attribute the stylesheet
 * follows `prefers-color-scheme`; `light` or `dark` overrides it.
 */
export function useApplyTheme(): void {
  const theme = useUiStore((state) => state.theme);

  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
