/** `.local/stack.json`: how clients find the local stack (DESIGN section 6, a fixed format). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { LocalStackError } from "./errors";
import { acceptsConnections } from "./ports";

/** Where `npm start` keeps its data and the stack file unless told otherwise. */
export const DEFAULT_DATA_DIR = ".local";
export const STACK_FILE_NAME = "stack.json";

const stackFileSchema = z.object({
  apiUrl: z.string(),
  webUrl: z.string(),
  auth: z.object({ cognitoEndpoint: z.string(), userPoolId: z.string(), clientId: z.string() }),
  users: z.array(z.object({ username: z.string(), password: z.string(), attendeeOf: z.array(z.string()), organizerOf: z.array(z.string()) })),
  events: z.array(z.string()),
  s3: z.object({ endpoint: z.string(), bucket: z.string() }),
  dynamodb: z.object({ endpoint: z.string(), table: z.string() }),
});

export type StackFile = z.infer<typeof stackFileSchema>;

export function writeStackFile(path: string, stack: StackFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(stack, null, 2)}\n`);
}

export function readStackFile(path: string): StackFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new LocalStackError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
    throw new LocalStackError(`the local stack is not running (there is no ${path}); start it with \`npm start\`, or pass the endpoints as options`, { cause: error });
  }
  let parsed;
  try {
    parsed = stackFileSchema.safeParse(JSON.parse(text));
  } catch (error) {
    throw new LocalStackError(`${path} is not JSON; restart the local stack with \`npm start\` to rewrite it`, { cause: error });
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LocalStackError(`${path} has a bad or missing field ${issue?.path.join(".") ?? ""}; restart the local stack with \`npm start\` to rewrite it`);
  }
  return parsed.data;
}

/** The endpoints of `stack` that nothing answers at. */
export async function silentEndpoints(stack: StackFile): Promise<string[]> {
  const endpoints = [stack.apiUrl, stack.webUrl, stack.auth.cognitoEndpoint, stack.s3.endpoint, stack.dynamodb.endpoint];
  const answers = await Promise.all(endpoints.map((url) => acceptsConnections(url)));
  return endpoints.filter((_, index) => !answers[index]);
}

/**
 * The stack file of a running local stack. A file left by a stack that stopped without removing it
 * (killed, or its machine restarted) names endpoints where nothing answers: that is an error saying
 * the stack is not running, not a connection failure further on.
 */
export async function readRunningStack(path: string): Promise<StackFile> {
  const stack = readStackFile(path);
  const silent = await silentEndpoints(stack);
  if (silent.length > 0) {
    throw new LocalStackError(`the local stack is not running: ${path} names ${silent.join(", ")}, where nothing answers; start it with \`npm start\``);
  }
  return stack;
}

/** The stack that `path` describes when it is running (every endpoint answers); undefined for no file, a bad one, or a stopped stack. */
export async function runningStackAt(path: string): Promise<StackFile | undefined> {
  let stack: StackFile;
  try {
    stack = readStackFile(path);
  } catch {
    return undefined;
  }
  return (await silentEndpoints(stack)).length === 0 ? stack : undefined;
}
