/**
 * The handlers' log lines and metrics: Powertools writes them to stdout, one JSON object a line, for
 * CloudWatch Logs to collect. In the bench a thousand of them would bury its progress lines, so they
 * are dropped on their way out, once the handlers have paid for making and writing them.
 */
type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/** Drops the JSON lines written to `stream` until the returned function is called; other output passes. */
export function dropFunctionOutput(stream: NodeJS.WriteStream = process.stdout): () => void {
  const write = stream.write as Write;
  const filtered: Write = function (this: NodeJS.WriteStream, chunk, ...rest) {
    if (typeof chunk === "string" && chunk.startsWith("{")) {
      const callback = rest.find((argument) => typeof argument === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }
    return write.call(this, chunk, ...rest);
  };
  stream.write = filtered as typeof stream.write;
  return () => {
    stream.write = write as typeof stream.write;
  };
}
