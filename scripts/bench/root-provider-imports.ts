/**
 * THE ONE INTENDED ROOT IMPORT of @cdktf/provider-aws in this repository. Everywhere else provider
 * classes come from `@cdktf/provider-aws/lib/<resource>` (DESIGN section 3), because loading the
 * package root costs seconds of synth time. The synth benchmark's "conventional" baseline must pay
 * exactly that cost, so this module loads the root on purpose: it makes
 * `require("@cdktf/provider-aws/lib/<resource>")` load the package ROOT and return its `<resource>`
 * namespace, i.e. what `import { s3Bucket } from "@cdktf/provider-aws"` does. The baseline then
 * synthesizes the very same stacks without a second copy of them. Only the synth figure's child
 * process (apps/full-synth.ts with `--root-imports`) installs the rewrite; nothing else may.
 */
import Module from "node:module";
import { BenchError } from "./errors";

const PACKAGE = "@cdktf/provider-aws";
const DEEP_IMPORT = /^@cdktf\/provider-aws\/lib\/([a-z0-9-]+)$/;

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;


/** The root namespace a deep path stands for: `s3-bucket` is exported as `s3Bucket`. */
export function rootNamespace(resource: string): string {
  return resource.replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase());
}

/** The resource of a deep provider import, or undefined for any other request. */
export function deepProviderResource(request: string): string | undefined {
  return DEEP_IMPORT.exec(request)?.[1];
}

export interface RootImportRewrite {
  /** Deep imports answered from the root so far. */
  readonly rewritten: number;
}

/** Installs the rewrite for the rest of this process. */
export function rewriteProviderImportsToRoot(): RootImportRewrite {
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  let rewritten = 0;
  loader._load = function (request, parent, isMain) {
    const resource = deepProviderResource(request);
    if (resource === undefined) return load.call(this, request, parent, isMain);
    const root = load.call(this, PACKAGE, parent, isMain) as Record<string, unknown>;
    const namespace = root[rootNamespace(resource)];
    if (namespace === undefined) {
      throw new BenchError("usage", `${PACKAGE} exports no namespace "${rootNamespace(resource)}" for ${request}; check the name mapping in root-provider-imports.ts`);
    }
    rewritten += 1;
    return namespace;
  };
  return {
    get rewritten() {
      return rewritten;
    },
  };
}
