/**
 * Long loops of the services ask an `isCancelled` function between steps (the client
 * cancelled the request, or its time budget ran out) and answer with what they have.
 * Callers that run to completion (the CLI, tests) pass nothing: `never`.
 */
export const never = (): boolean => false;
