import { QueryClient } from '@tanstack/react-query';

import { ApiError } from './client';

/**
 * Engine answers are deterministic for a given case, so an `{ ok: false }` answer is not
 * retried; only a transport failure (the engine not reachable yet) is, once.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) =>
          failures < 1 && error instanceof ApiError && error.code === 'unreachable',
      },
    },
  });
}
