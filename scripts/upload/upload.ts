/**
 * `npm run upload -- <file> --event <id> --title <text> [--description <text>]`: logs in, uploads
 * one photo with a progress bar and prints its URL once the processor has accepted it.
 */
import { stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { parseArgs } from "node:util";
import { apiCaller } from "../../client/api";
import { login } from "../../client/cognito";
import { ClientError } from "../../client/errors";
import { putFile } from "../../client/node-put";
import { uploadPhoto } from "../../client/upload-photo";
import { CONTENT_TYPES, contentTypeForExtension, type AcceptedContentType } from "../../functions/shared/contract";
// Not local-stack.ts: importing it would load the emulators and the handlers just for a default path.
import { DEFAULT_DATA_DIR, readRunningStack, STACK_FILE_NAME, type StackFile } from "../local/stack-file";

const DEFAULT_STACK_FILE = join(DEFAULT_DATA_DIR, STACK_FILE_NAME);

const HELP = `Usage: npm run upload -- <file> --event <id> --title <text> [--description <text>] [options]

Logs in, uploads <file> (.jpg, .jpeg, .png or .webp) to the event, waits until the photo is ready
or rejected, and prints its URL. By default everything comes from the local stack's stack file;
options, or their environment variables, override it (all of --api-url, --client-id, --username
and --password make the stack file unnecessary, e.g. against a deployed stage).

Options:
  --event <id>              event to upload to (required)
  --title <text>            photo title (required)
  --description <text>      photo description
  --stack-file <path>       [env UPLOAD_STACK_FILE, default ${DEFAULT_STACK_FILE}]
  --api-url <url>           API base URL [env PHOTOS_API_URL]
  --region <region>         Cognito region [env AWS_REGION, default us-east-1]
  --cognito-endpoint <url>  Cognito-compatible endpoint; leave unset for real Cognito [env COGNITO_ENDPOINT]
  --client-id <id>          app client id [env COGNITO_CLIENT_ID]
  --username <name>         [env UPLOAD_USERNAME, default: the stack file's first attendee of the event]
  --password <text>         [env UPLOAD_PASSWORD]
  --timeout <seconds>       how long to wait for processing [default 60]
  --help                    show this help`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    event: { type: "string" },
    title: { type: "string" },
    description: { type: "string" },
    "stack-file": { type: "string" },
    "api-url": { type: "string" },
    region: { type: "string" },
    "cognito-endpoint": { type: "string" },
    "client-id": { type: "string" },
    username: { type: "string" },
    password: { type: "string" },
    timeout: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

function required(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === "") throw new ClientError("usage", `${what} is missing; see npm run upload -- --help`);
  return value;
}

/** The accepted content type a file's extension stands for. */
function contentTypeOf(file: string): AcceptedContentType {
  const extension = extname(file).slice(1).toLowerCase().replace(/^jpeg$/, "jpg");
  const type = contentTypeForExtension(extension);
  if (!type) {
    const accepted = Object.values(CONTENT_TYPES).map((entry) => `.${entry.extension}`);
    throw new ClientError("usage", `${file} has extension "${extname(file)}"; upload a ${accepted.join(", ")} or .jpeg file`);
  }
  return type;
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(HELP);
    return;
  }
  const file = required(positionals[0], "the file to upload");
  const eventId = required(values.event, "--event");
  const title = required(values.title, "--title");
  const timeoutSeconds = Number(values.timeout ?? "60");
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new ClientError("usage", `--timeout is "${values.timeout}"; give a positive number of seconds`);

  const fromOptions = {
    apiUrl: values["api-url"] ?? process.env.PHOTOS_API_URL,
    cognitoEndpoint: values["cognito-endpoint"] ?? process.env.COGNITO_ENDPOINT,
    clientId: values["client-id"] ?? process.env.COGNITO_CLIENT_ID,
    username: values.username ?? process.env.UPLOAD_USERNAME,
    password: values.password ?? process.env.UPLOAD_PASSWORD,
  };
  const needsStackFile = !fromOptions.apiUrl || !fromOptions.clientId || !fromOptions.username || !fromOptions.password;
  const stack: StackFile | undefined = needsStackFile
    ? await readRunningStack(values["stack-file"] ?? process.env.UPLOAD_STACK_FILE ?? DEFAULT_STACK_FILE)
    : undefined;
  const username = fromOptions.username ?? (stack?.users.find((user) => user.attendeeOf.includes(eventId)) ?? stack?.users[0])?.username;
  const password = fromOptions.password ?? stack?.users.find((user) => user.username === username)?.password;

  const contentType = contentTypeOf(file);
  const { size } = await stat(file);
  const tokens = await login({
    region: values.region ?? process.env.AWS_REGION ?? "us-east-1",
    cognitoEndpoint: fromOptions.cognitoEndpoint ?? stack?.auth.cognitoEndpoint,
    clientId: required(fromOptions.clientId ?? stack?.auth.clientId, "--client-id"),
    username: required(username, "--username"),
    password: required(password, "--password"),
  });
  const photo = await uploadPhoto({
    api: apiCaller({ apiUrl: required(fromOptions.apiUrl ?? stack?.apiUrl, "--api-url"), token: () => tokens.idToken }),
    eventId,
    title,
    description: values.description,
    contentType,
    contentLength: size,
    put: putFile(file, size),
    onProgress: drawProgress,
    timeoutMs: timeoutSeconds * 1000,
  });
  process.stderr.write("\n");
  if (photo.status === "rejected") {
    throw new Error(`photo ${photo.photoId} was rejected by the processor: the file is not a valid image of its extension's type`);
  }
  console.log(photo.url);
}

function drawProgress(sent: number, total: number): void {
  const width = 30;
  const fraction = total === 0 ? 1 : sent / total;
  const filled = Math.round(fraction * width);
  const bar = `${"#".repeat(filled)}${" ".repeat(width - filled)}`;
  process.stderr.write(`\r[${bar}] ${Math.round(fraction * 100)}% ${formatBytes(sent)}/${formatBytes(total)}`);
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

main().catch((error: unknown) => {
  console.error(`upload failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
