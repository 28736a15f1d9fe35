/**
 * The local stack's one error. Each names the bad thing and says the fix; start.ts prints the
 * message as is. A refused token's reason is one too: logged by the API server, never sent.
 */
export class LocalStackError extends Error {
  override readonly name = "LocalStackError";
}
