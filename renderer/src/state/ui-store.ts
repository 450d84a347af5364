/** UI state that is not engine data: which view is open and which colour theme. */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

import type { ViewId } from '../shell/views';

/** `system` follows the operating system's light or dark preference. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

interface UiState {
  view: ViewId;
  theme: ThemeChoice;
  showView: (view: ViewId) => void;
  setTheme: (theme: ThemeChoice) => void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      view: 'overview',
      theme: 'system',
      showView: (view) => set({ view }),
      setTheme: (theme) => set({ theme }),
    }),
    {
      name: 'keytrail.ui',
      storage: createJSONStorage(() => localStorage),
      // Only the theme outlives a reload; a case always opens on its overview.
      partialize: (state) => ({ theme: state.theme }),
      merge: (persisted, current) => ({ ...current, theme: readTheme(persisted) }),
    },
  ),
);

function readTheme(persisted: unknown): ThemeChoice {
  const theme = (persisted as { theme?: unknown } | undefined)?.theme;
  return THEME_CHOICES.find((choice) => choice === theme) ?? 'system';
}
