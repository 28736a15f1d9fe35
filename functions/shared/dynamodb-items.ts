/** Small pieces both DynamoDB stores use: batched reads with retries, conditional writes, item keys stripped. */
import { setTimeout as delay } from "node:timers/promises";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TABLE } from "./contract";
import type { ItemKey } from "./keys";

export type Item = Record<string, unknown>;

/** Every item of `keys` that exists (strongly consistent), in no particular order. */
export async function batchGetItems(client: DynamoDBDocumentClient, tableName: string, keys: readonly ItemKey[]): Promise<Item[]> {
  const items: Item[] = [];
  let pending: ItemKey[] | undefined = [...keys];
  // BatchGetItem may leave keys unprocessed under throttling; ask again for just those, backing off.
  for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
    if (attempt > 0) await delay(25 * 2 ** Math.min(attempt, 6));
    const { Responses, UnprocessedKeys }: { Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, { Keys?: Item[] }> } =
      await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
    items.push(...(Responses?.[tableName] ?? []));
    pending = UnprocessedKeys?.[tableName]?.Keys as ItemKey[] | undefined;
  }
  return items;
}

/** Awaits a conditional write; false when its condition failed and the write was left undone. */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The item without its table and index keys: the record the store returns. */
export function withoutKeys(item: Item): Item {
  const rest = { ...item };
  for (const key of [TABLE.partitionKey, TABLE.sortKey, TABLE.userEventsIndex.partitionKey, TABLE.userEventsIndex.sortKey]) delete rest[key];
  return rest;
}
