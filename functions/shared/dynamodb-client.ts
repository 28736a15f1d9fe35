/** The DynamoDB document client, pointed at the local emulator when DYNAMODB_ENDPOINT is set. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { loadEndpoint } from "./config";
import { localClientConfig } from "./local-endpoint";

export function createDocumentClient(endpoint: string | undefined = loadEndpoint("dynamodbEndpoint")): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(endpoint)), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
