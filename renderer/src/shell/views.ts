/**
 * The views the shell can show. Adding a view is one entry here and one case in
 * `ViewOutlet`; the nav lists every entry.
 */
export const VIEWS = [{ id: 'overview', label: 'Overview' }] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
