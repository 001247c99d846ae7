import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { Revisions } from '../infrastructure/revisions';

/**
 * Every mutation's response carries `extensions.revision`: the newest revision
 * this process knows once the mutation committed, its own included. It covers
 * mutations whose payload has no `revision` field (such as
 * `recordAccountSignals`, which answers a count); queries are left as they are.
 */
export function revisionPlugin(revisions: Revisions): ApolloServerPlugin {
  // One listener for every request: nothing is allocated per request on the hot path.
  const listener = {
    async willSendResponse({ operation, response }: GraphQLRequestContextWillSendResponse<BaseContext>) {
      if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
      const result = response.body.singleResult;
      result.extensions = { ...result.extensions, revision: revisions.latest() };
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
