/**
 * The handler figures' setup: the real handlers loaded in this process (as the local stack loads
 * them), the S3 and DynamoDB emulators in a child process (as S3 and DynamoDB are remote services
 * in AWS, whose work never runs on the function's thread), API Gateway events shaped by the local
 * stack's own code, and a round-trip counter on the emulator endpoints.
 */
import { join } from "node:path";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { S3Event } from "aws-lambda";
import { LIMITS, type RouteId } from "../../functions/shared/contract";
import { DynamoEventStore } from "../../functions/shared/dynamodb-event-store";
import { EMULATOR_CLIENT_CONFIG, type CreatedObject } from "../local/emulators";
import { startCognitoLocal, type CognitoLocal } from "../local/cognito-local";
import { createCognitoClient, ensureUserPool } from "../local/cognito-pool";
import { startHandlerHost, type HandlerHost } from "../local/handler-host";
import { toS3NotificationEvent } from "../local/s3-notifications";
import { startRemoteEmulators, type RemoteEmulators } from "./remote-emulators";
import { countRoundTrips, type RoundTripCounter } from "./round-trip-counter";
import { BenchError } from "./errors";
import { dropFunctionOutput } from "./function-output";

const REGION = "us-east-1";
/** The handlers' PHOTOS_BASE_URL: photo URLs are `${PHOTOS_BASE_URL}/${variantKey}`. */
const PHOTOS_BASE_URL = "https://photos.bench.example";

function requestFailed(what: string, statusCode: number | undefined, body: unknown): BenchError {
  return new BenchError("measurement", `${what} answered ${statusCode ?? "no status"} ${JSON.stringify(body)}; a benchmark of failing requests measures nothing, fix the handler first`);
}

export interface ApiRequest {
  readonly route: RouteId;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly callerSub: string;
}

export interface ApiAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

export interface HandlerHarness {
  readonly emulators: RemoteEmulators;
  /** A document client on the emulator, for seeding. */
  readonly documents: DynamoDBDocumentClient;
  /** Creates event `eventId` (organized by `attendeeSub`) and registers `attendeeSub` for it, through the functions' own store. */
  seedAttendee(eventId: string, attendeeSub: string): Promise<void>;
  /** Requests to S3 and DynamoDB. */
  readonly roundTrips: RoundTripCounter;
  /** Requests to Cognito (cognito-local, in its own process). */
  readonly cognitoCalls: RoundTripCounter;
  /** cognito-local's pool the handlers look users up in, with a client to seed it. */
  readonly userPool: { readonly client: CognitoIdentityProviderClient; readonly userPoolId: string; readonly endpoint: string };
  /** Invokes the API handler the route table picks, with the event API Gateway would send. */
  callApi(request: ApiRequest): Promise<ApiAnswer>;
  /** Like callApi, but a status other than `expected` throws BenchRequestError. */
  callApiExpecting(expected: number, request: ApiRequest): Promise<ApiAnswer>;
  invokeProcessor(event: S3Event): Promise<void>;
  /** An S3 notification event with one record per object, as S3 batches them. */
  notificationEvent(objects: readonly CreatedObject[]): S3Event;
  stop(): Promise<void>;
}

export async function startHandlerHarness(workDir: string): Promise<HandlerHarness> {
  const emulators = await startRemoteEmulators(join(workDir, "s3"));
  const restoreOutput = dropFunctionOutput();
  let cognito: CognitoLocal | undefined;
  let cognitoClient: CognitoIdentityProviderClient | undefined;
  let host: HandlerHost;
  let userPoolId: string;
  try {
    cognito = await startCognitoLocal({ directory: join(workDir, "cognito") });
    cognitoClient = createCognitoClient(cognito.endpoint);
    const pool = await ensureUserPool(cognitoClient);
    host = await startHandlerHost({
      table: emulators.table,
      bucket: emulators.bucket,
      photosBaseUrl: PHOTOS_BASE_URL,
      uploadLimitBytes: LIMITS.defaultUploadLimitBytes,
      // The presign figure initiates a thousand uploads as one attendee; the quota is not what it measures.
      uploadQuota: Number.MAX_SAFE_INTEGER,
      userPoolId: pool.userPoolId,
      endpoints: { s3: emulators.s3Endpoint, dynamodb: emulators.dynamodbEndpoint, cognito: cognito.endpoint },
    });
    userPoolId = pool.userPoolId;
  } catch (error) {
    cognitoClient?.destroy();
    await Promise.all([emulators.stop(), cognito?.stop()]);
    restoreOutput();
    throw error;
  }
  const userPool = { client: cognitoClient, userPoolId, endpoint: cognito.endpoint };
  const dynamodb = new DynamoDBClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: emulators.dynamodbEndpoint });
  const documents = DynamoDBDocumentClient.from(dynamodb);
  const roundTrips = countRoundTrips([emulators.s3Endpoint, emulators.dynamodbEndpoint]);
  const cognitoCalls = countRoundTrips([cognito.endpoint]);
  let sequencer = 0;

  const callApi = async (request: ApiRequest): Promise<ApiAnswer> => {
    const result = await host.callRoute(request.route, {
      pathParameters: request.pathParameters,
      query: request.query,
      body: request.body,
      claims: { sub: request.callerSub, token_use: "access" },
    });
    return { statusCode: result.statusCode ?? 0, body: result.body === undefined ? undefined : JSON.parse(result.body) };
  };

  return {
    emulators,
    documents,
    async seedAttendee(eventId, attendeeSub) {
      const events = new DynamoEventStore(documents, emulators.table);
      await events.putEvent(eventId, { name: eventId, visibility: "signed-in" }, attendeeSub, new Date());
      await events.registerAttendee(eventId, { sub: attendeeSub, email: undefined }, new Date());
    },
    roundTrips,
    callApi,
    async callApiExpecting(expected, request) {
      const answer = await callApi(request);
      if (answer.statusCode !== expected) throw requestFailed(`${request.route} ${JSON.stringify(request.pathParameters)}`, answer.statusCode, answer.body);
      return answer;
    },
    async invokeProcessor(event) {
      await host.invoke("process-upload", event);
    },
    notificationEvent(objects) {
      const now = new Date();
      return {
        Records: objects.flatMap((object) => {
          sequencer += 1;
          return toS3NotificationEvent(object, { region: REGION, sequencer: sequencer.toString(16).toUpperCase().padStart(16, "0"), now }).Records;
        }),
      };
    },
    userPool,
    cognitoCalls,
    async stop() {
      roundTrips.stop();
      cognitoCalls.stop();
      dynamodb.destroy();
      userPool.client.destroy();
      await Promise.all([emulators.stop(), cognito?.stop()]);
      restoreOutput();
    },
  };
}
