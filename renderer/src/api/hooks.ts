/** One react-query hook per engine operation; components never call the client directly. */
import { useMutation, useQuery } from '@tanstack/react-query';

import { callApi, type OperationInput } from './client';

export const queryKeys = {
  caseInfo: ['caseInfo'],
  overview: ['overview'],
} as const;

export function useCaseInfo() {
  return useQuery({
    queryKey: queryKeys.caseInfo,
    queryFn: () => callApi('caseInfo', {}),
    // The case folder and version do not change while the page is open.
    staleTime: Infinity,
  });
}

export function useOverview() {
  return useQuery({
    queryKey: queryKeys.overview,
    queryFn: () => callApi('overview', {}),
  });
}

/** Runs read-only SQL on demand (the SQL console); results are not cached. */
export function useRunQuery() {
  return useMutation({
    mutationFn: (input: OperationInput<'query'>) => callApi('query', input),
  });
}
