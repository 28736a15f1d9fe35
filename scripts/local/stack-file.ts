/** `.local/stack.json`: how clients find the local stack (DESIGN section 6, a fixed format). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { LocalStackError } from "./errors";

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
    throw new LocalStackError(`cannot read ${path}; start the local stack with \`npm start\` first, or pass the endpoints as options`, { cause: error });
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
