/**
 * The per-invocation store of a multi-concurrent Lambda execution environment, which the handler
 * host is: Lambda's Node.js runtime for Managed Instances puts one at
 * `globalThis.awslambda.InvokeStore` and runs each invocation in its own context, and Powertools
 * keeps per-invocation state there (the Lambda context and the keys of log lines, metrics, trace
 * segments) once AWS_LAMBDA_MAX_CONCURRENCY is set. The runtime makes the store with
 * @aws/lambda-invoke-store's getInstanceAsync, which loads async_hooks with a dynamic import that
 * jest's module sandbox refuses; this is the same store over AsyncLocalStorage, made directly.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-nodejs-runtime.html
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { availableParallelism } from "node:os";
import { InvokeStore, InvokeStoreBase } from "@aws/lambda-invoke-store";

type InvocationContext = Parameters<InvokeStoreBase["run"]>[0];

class InvocationStore extends InvokeStoreBase {
  private readonly storage = new AsyncLocalStorage<InvocationContext>();

  getContext(): InvocationContext | undefined {
    return this.storage.getStore();
  }

  hasContext(): boolean {
    return this.storage.getStore() !== undefined;
  }

  get<T = unknown>(key: string | symbol): T | undefined {
    return this.storage.getStore()?.[key] as T | undefined;
  }

  set<T = unknown>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const context = this.storage.getStore();
    if (!context) throw new Error("No invocation context: set values only while an invocation runs");
    context[key] = value;
  }

  run<T>(context: InvocationContext, fn: () => T): T {
    return this.storage.run(context, fn);
  }
}

/**
 * Lambda's Node.js default for a multi-concurrent environment: 64 invocations per vCPU. Powertools
 * and the store only read that it is set; the host bounds nothing.
 */
const MAX_CONCURRENCY = String(64 * availableParallelism());

export interface Invocations {
  /** Runs one invocation with request id `requestId` in a context of its own. */
  run<T>(requestId: string, invocation: () => T): T;
}

/** Makes this process a multi-concurrent environment; call it before the handler modules load. */
export async function multiConcurrentEnvironment(): Promise<Invocations> {
  const store = new InvocationStore();
  awslambda.InvokeStore = store;
  // The AWS SDK asks getInstanceAsync for the store on every request; asked once before the
  // variable below is set, it answers from then on without the dynamic import.
  await InvokeStore.getInstanceAsync();
  process.env.AWS_LAMBDA_MAX_CONCURRENCY = MAX_CONCURRENCY;
  return {
    run: (requestId, invocation) => store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }, invocation),
  };
}
