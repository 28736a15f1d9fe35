/** Errors of the local stack. Each names the bad thing and says the fix; start.ts prints the message as is. */
export class LocalStackError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LocalStackError";
  }
}

/** A port the stack needs is held by another process. */
export class PortInUseError extends LocalStackError {
  constructor(
    readonly port: number,
    fix: string,
    options?: { cause?: unknown },
  ) {
    super(`port ${port} on 127.0.0.1 is already in use; ${fix}`, options);
    this.name = "PortInUseError";
  }
}

/** cognito-local did not start, died, or refused a provisioning call. */
export class CognitoLocalError extends LocalStackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CognitoLocalError";
  }
}

/** A JWT the API server refused. The reason is logged, never sent: clients only see 401 Unauthorized. */
export class InvalidTokenError extends LocalStackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidTokenError";
  }
}

/** `.local/stack.json` is missing or not in the format of DESIGN section 6. */
export class StackFileError extends LocalStackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StackFileError";
  }
}

/** The token names a key id the issuer's JWKS does not hold (a forgery, or keys rotated since the last fetch). */
export class UnknownKeyError extends InvalidTokenError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnknownKeyError";
  }
}
