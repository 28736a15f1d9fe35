/** Base class of every error the stacks raise while they are being declared (before Terraform runs). */
export class InfraError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InfraError";
  }
}

/** A stage entry in stacks/config.ts (or an environment override) holds a value that cannot deploy. */
export class StageConfigError extends InfraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StageConfigError";
  }
}

/** A function reads an environment variable the stacks have no AWS value for. */
export class FunctionEnvironmentError extends InfraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FunctionEnvironmentError";
  }
}

/** The bootstrap stack (state bucket, GitHub OIDC roles) was given a value it cannot deploy. */
export class BootstrapConfigError extends InfraError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BootstrapConfigError";
  }
}
