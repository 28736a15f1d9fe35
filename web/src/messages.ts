/** What the app says when something fails: the server's own message where it sent one. */
import { ClientError } from "../../client/errors";
import { serverMessage } from "../../client/upload-queue";

/**
 * Cognito's answers to a wrong email or password (cognito-local says InvalidPasswordException where
 * Cognito says NotAuthorizedException); one message for all, so it tells nobody which emails exist.
 */
const WRONG_CREDENTIALS = new Set(["NotAuthorizedException", "UserNotFoundException", "InvalidPasswordException"]);

/** A failed sign-in, in words for the person signing in. */
export function signInMessage(error: unknown): string {
  if (error instanceof ClientError && error.code !== undefined && WRONG_CREDENTIALS.has(error.code)) {
    return "Incorrect email or password.";
  }
  return errorMessage(error);
}

/** Any other failure: the API's message, else the client's description of what went wrong. */
export function errorMessage(error: unknown): string {
  return serverMessage(error) ?? (error instanceof Error ? error.message : String(error));
}

/** Addresses typed into the Emails box, separated by commas, semicolons, spaces or new lines; each once. */
export function parseEmailList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((email) => email.trim()).filter(Boolean))];
}
