// The GraphQL client: one POST per operation with the signed-in admin's token.
import { Client, CombinedError, fetchExchange, useMutation, useQuery, type AnyVariables, type TypedDocumentNode } from 'urql';
import { useCallback, useState } from 'react';

export function createClient(token: () => string | null, onUnauthenticated: (message: string) => void): Client {
  return new Client({
    url: '/graphql',
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => {
      const t = token();
      const headers: Record<string, string> = t ? { authorization: `Bearer ${t}` } : {};
      return { headers };
    },
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      // Only a signed-in session ends here; a sign-in attempt shows its own error.
      if (res.status === 401 && token()) {
        const body = await res
          .clone()
          .json()
          .catch(() => null);
        onUnauthenticated(body?.errors?.[0]?.message ?? 'Your session has ended');
      }
      return res;
    },
  });
}

/** The API's own message, as it said it. */
export function messageOf(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  if (error.graphQLErrors.length > 0) return error.graphQLErrors.map((e) => e.message).join('; ');
  return error.networkError?.message ?? error.message;
}

/** True when the server does not offer a field this console asked for (an older API). */
export function isUnavailable(error: CombinedError | undefined | null): boolean {
  return !!error?.graphQLErrors.some(
    (e) =>
      (e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || e.extensions?.reason === 'GRAPHQL_VALIDATION_FAILED') &&
      /Cannot query field|Unknown argument|Unknown type/.test(e.message),
  );
}

export function useGql<D, V extends AnyVariables>(query: TypedDocumentNode<D, V>, variables: V, pause = false) {
  const [result, reexecute] = useQuery<D, V>({ query, variables, pause });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return { data: result.data, error: result.error, fetching: result.fetching, refresh };
}

/** A mutation with its last error and a success message, for one form. */
export function useAction<D, V extends AnyVariables>(mutation: TypedDocumentNode<D, V>) {
  const [state, execute] = useMutation<D, V>(mutation);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (variables: V): Promise<D | null> => {
      setError(null);
      const result = await execute(variables);
      if (result.error) {
        setError(messageOf(result.error));
        return null;
      }
      return result.data ?? null;
    },
    [execute],
  );
  return { run, error, busy: state.fetching, clearError: () => setError(null) };
}
