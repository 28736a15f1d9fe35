/**
 * The whole system on loopback (DESIGN section 6): S3 and DynamoDB emulators, cognito-local, the
 * handlers behind a local HTTP API, S3 notifications to the processor (invoked asynchronously as
 * Lambda does, with retries and a failure queue in the data directory), the fronts that check S3
 * requests as S3 does and serve published photos as CloudFront does, and the web app. Used by
 * `npm start`, the end-to-end tests and the benchmarks.
 */
import { readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { FUNCTIONS, LIMITS, ROUTES, apiCors, contentSecurityPolicy, objectCreatedFunctions } from "../../functions/shared/contract";
import { WEB_FILES_DIR, WEB_OUT_DIR } from "../../packaging/web-manifest";
import { buildWeb } from "../build/build-web";
import { OPENAPI_FILE } from "../openapi/files";
import { EMULATOR_CLIENT_CONFIG, startEmulators } from "./emulators";
import { LocalStackError } from "./errors";
import { API_PORT_IN_USE_FIX, startApiServer } from "./api-server";
import { startInvalidationRecorder, type Invalidation } from "./cdn-invalidations";
import { startCognitoLocal } from "./cognito-local";
import { createCognitoClient, ensureUserPool } from "./cognito-pool";
import { localFunctionArn, startHandlerHost } from "./handler-host";
import { createJwtAuthorizer } from "./jwt-authorizer";
import { assertPortFree } from "./ports";
import { startPhotosFront } from "./photos-front";
import { startS3Front } from "./s3-front";
import { stickyPorts } from "./sticky-ports";
import { createAsyncInvocations, type AsyncInvocations } from "./async-invocations";
import { startFaultProxy, type ProxiedService, type RequestPolicy } from "./fault-proxy";
import { createLambdaInvokeApi } from "./lambda-invoke-api";
import { LocalFailureQueue, failureQueueDirectory } from "./local-failure-queue";
import { createObjectCreatedNotifier, describeNotification } from "./s3-notifications";
import { DEMO_EVENT_ID, DEMO_USERS, seedDemoData } from "./seed";
import { DEFAULT_DATA_DIR, STACK_FILE_NAME, runningStackAt, writeStackFile, type StackFile } from "./stack-file";
import { startWebServer } from "./web-server";

const REPO_ROOT = join(__dirname, "..", "..");

export const DEFAULT_API_PORT = 3000;

export interface LocalStackOptions {
  /** Where the emulators, cognito-local and stack.json keep their data. @default ".local" */
  readonly dataDir?: string;
  /** Port of the API server; 0 picks a free one. @default 3000 */
  readonly port?: number;
  /** Wipe the data directory before starting. @default false */
  readonly fresh?: boolean;
  /** Origins the bucket and the API allow for CORS, besides the web app's own. @default ["*"] */
  readonly allowedOrigins?: readonly string[];
  /** @default LIMITS.defaultUploadLimitBytes */
  readonly uploadLimitBytes?: number;
  /** Uploads one attendee may initiate per event. @default LIMITS.defaultUploadQuota */
  readonly uploadQuota?: number;
  /** Waits before the retries of an asynchronous invocation (the processor's). @default [1000, 2000] */
  readonly notificationRetryDelaysMs?: readonly number[];
  /**
   * What the network between the functions and S3 or DynamoDB does to each of their requests:
   * a fault proxy (fault-proxy.ts) in front of each service applies this policy (delay, fail,
   * reset). Presigned URLs then name the S3 proxy; stack.json's endpoints reach the services
   * directly. @default none: the functions reach the services directly
   */
  readonly functionNetwork?: RequestPolicy;
  /** Progress and warnings, one line each. @default console.log */
  readonly log?: (line: string) => void;
  /** Called when a part of the running stack dies (cognito-local exits); the stack is unusable then. @default logs it */
  readonly onFatal?: (error: Error) => void;
  /** Aborting it during the start stops what has started, and the start rejects. @default never aborted */
  readonly signal?: AbortSignal;
}

export interface LocalStack {
  readonly stack: StackFile;
  readonly stackFilePath: string;
  /** Resolves once every asynchronous invocation accepted so far (S3 notifications, Invoke calls) has succeeded or reached its failure queue. */
  notificationsIdle(): Promise<void>;
  /** The CDN invalidations the functions asked for (recorded locally, see cdn-invalidations.ts). */
  invalidations(): readonly Invalidation[];
  /** Stops every server and child process, frees every port and removes the stack file. */
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const port = options.port ?? DEFAULT_API_PORT;
  const uploadLimitBytes = options.uploadLimitBytes ?? LIMITS.defaultUploadLimitBytes;
  const log = options.log ?? ((line: string) => console.log(line));
  const onFatal = options.onFatal ?? ((error: Error) => log(`error: ${error.message}`));
  const region = EMULATOR_CLIENT_CONFIG.region;

  const stackFilePath = join(dataDir, STACK_FILE_NAME);
  // Two stacks on one data directory would share the emulators' files; --fresh must not wipe a running one's.
  const running = await runningStackAt(stackFilePath);
  if (running) {
    throw new LocalStackError(`a local stack is already running with data in ${dataDir} (API ${running.apiUrl}); stop it first, or start this one with another --data-dir`);
  }
  // Fail before starting anything when the API port is taken: the most common start-up failure.
  await assertPortFree(port, API_PORT_IN_USE_FIX);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  const step = () => options.signal?.throwIfAborted();

  const cleanups: Array<() => Promise<void> | void> = [];
  const asyncFunctions = new Map<string, AsyncInvocations>();
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  const ports = stickyPorts(dataDir);
  try {
    log("Building the web app unless up to date");
    const web = await buildWeb({ rootDir: REPO_ROOT });
    // First, so its origin is known to the CORS rules of the bucket and the API.
    const webServer = await startWebServer({ filesDir: join(REPO_ROOT, WEB_OUT_DIR, WEB_FILES_DIR), manifest: web.manifest, port: await ports.port("web") });
    cleanups.push(() => webServer.stop());
    const allowedOrigins = options.allowedOrigins ? [...options.allowedOrigins, webServer.url] : ["*"];

    log(`Starting S3 and DynamoDB emulators (data in ${dataDir})`);
    const emulators = await startEmulators({
      s3Directory: join(dataDir, "s3"),
      dynamoDirectory: join(dataDir, "dynamodb"),
      allowedOrigins,
      s3Port: await ports.port("s3rver"),
      dynamoPort: await ports.port("dynamodb"),
    });
    cleanups.push(() => emulators.stop());
    // Clients never reach s3rver itself: presigned URLs and SDK calls go through a front that checks
    // signatures as S3 does, and photo URLs through one that serves photos/ only, as CloudFront does.
    const s3Front = await startS3Front({
      upstream: emulators.s3Endpoint,
      region,
      credentials: [EMULATOR_CLIENT_CONFIG.credentials],
      allowedOrigins,
      port: await ports.port("s3"),
    });
    cleanups.push(() => s3Front.stop());
    const photosFront = await startPhotosFront({ upstream: emulators.s3Endpoint, bucket: emulators.bucket, port: await ports.port("photos") });
    cleanups.push(() => photosFront.stop());
    const services: Record<ProxiedService, string> = { s3: s3Front.url, dynamodb: emulators.dynamodbEndpoint };
    const functionEndpoints = { ...services };
    if (options.functionNetwork) {
      for (const service of ["s3", "dynamodb"] as const) {
        const proxy = await startFaultProxy({ upstream: services[service], service, policy: options.functionNetwork });
        cleanups.push(() => proxy.stop());
        functionEndpoints[service] = proxy.url;
      }
    }
    step();

    log("Starting cognito-local");
    const cognito = await startCognitoLocal({
      directory: join(dataDir, "cognito"),
      onUnexpectedExit: (reason) => onFatal(new Error(`${reason}; restart npm start (with --fresh if it keeps dying)`)),
      signal: options.signal,
      port: await ports.port("cognito"),
    });
    cleanups.push(() => cognito.stop());
    const cognitoClient = createCognitoClient(cognito.endpoint);
    cleanups.push(() => cognitoClient.destroy());
    const pool = await ensureUserPool(cognitoClient);
    step();

    log(`Seeding ${DEMO_EVENT_ID} and ${DEMO_USERS.length} users`);
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.dynamodbEndpoint }));
    cleanups.push(() => documents.destroy());
    await seedDemoData({ cognito: cognitoClient, userPoolId: pool.userPoolId, documents, table: emulators.table });
    step();

    const invalidations = await startInvalidationRecorder(await ports.port("cloudfront"));
    cleanups.push(() => invalidations.stop());

    log("Loading handlers");
    const host = await startHandlerHost({
      table: emulators.table,
      bucket: emulators.bucket,
      photosBaseUrl: photosFront.url,
      uploadLimitBytes,
      uploadQuota: options.uploadQuota,
      userPoolId: pool.userPoolId,
      // Presigned URLs are signed for the host they name: the front's.
      endpoints: { ...functionEndpoints, cognito: cognito.endpoint, cloudfront: invalidations.url },
    });

    // Each function with an objectCreated trigger gets the emulator's notifications, invoked
    // asynchronously as S3 invokes it, with its failure queue as the on-failure destination.
    for (const name of objectCreatedFunctions()) {
      const trigger = FUNCTIONS[name].trigger;
      const failures = new LocalFailureQueue(failureQueueDirectory(dataDir, name));
      const invocations = createAsyncInvocations({
        functionName: name,
        functionArn: localFunctionArn(name),
        run: (event) => host.invoke(name, event),
        retryDelaysMs: options.notificationRetryDelaysMs,
        onFailure: async (record) => `${await failures.send(record)} (npm run redrive -- --local re-drives it)`,
        describe: describeNotification,
        log,
      });
      asyncFunctions.set(name, invocations);
      // Stopped after the emulator's listener and the API are gone, while the services still answer.
      cleanups.push(() => invocations.stop());
      const prefix = "objectCreated" in trigger ? trigger.objectCreated.prefix : "";
      cleanups.push(emulators.onObjectCreated(createObjectCreatedNotifier({ invocations, region, prefix })));
    }

    const issuer = `${cognito.endpoint}/${pool.userPoolId}`;
    const api = await startApiServer({
      port,
      routes: ROUTES,
      cors: apiCors(allowedOrigins),
      authorizer: createJwtAuthorizer({ issuer, clientId: pool.clientId, jwksUri: `${issuer}/.well-known/jwks.json` }),
      invoke: host.invoke,
      log,
      openApiDocument: readFileSync(join(REPO_ROOT, OPENAPI_FILE), "utf8"),
      lambdaInvoke: createLambdaInvokeApi(asyncFunctions),
    });
    cleanups.push(() => api.stop());

    webServer.serve({
      config: { apiUrl: api.url, region, userPoolId: pool.userPoolId, clientId: pool.clientId, cognitoEndpoint: cognito.endpoint, photosOrigin: new URL(photosFront.url).origin },
      // Presigned PUTs go to the endpoint the handlers sign for: the S3 front's, or its fault proxy's.
      contentSecurityPolicy: contentSecurityPolicy({ api: api.url, cognito: cognito.endpoint, photos: new URL(photosFront.url).origin, uploads: functionEndpoints.s3 }),
    });

    const stack: StackFile = {
      apiUrl: api.url,
      webUrl: webServer.url,
      auth: { cognitoEndpoint: cognito.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId },
      users: DEMO_USERS.map(({ username, password, attendeeOf, organizerOf }) => ({ username, password, attendeeOf: [...attendeeOf], organizerOf: [...organizerOf] })),
      events: [DEMO_EVENT_ID],
      s3: { endpoint: s3Front.url, bucket: emulators.bucket },
      dynamodb: { endpoint: emulators.dynamodbEndpoint, table: emulators.table },
    };
    step();
    writeStackFile(stackFilePath, stack);
    ports.save();
    // First to go on stop: clients that find no file know the stack is not running.
    cleanups.push(() => rmSync(stackFilePath, { force: true }));
    const notificationsIdle = async () => {
      await Promise.all([...asyncFunctions.values()].map((invocations) => invocations.idle()));
    };
    return { stack, stackFilePath, notificationsIdle, invalidations: () => invalidations.invalidations(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
