import { Construct } from "constructs";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { TABLE } from "../../functions/shared/contract";

export interface PhotosTableProps {
  /** Table name. */
  readonly tableName: string;
  /** Refuse deletion of the table (production data). @default false */
  readonly deletionProtection?: boolean;
}

/** The single table of events, attendances, upload intents and photos, and its user-events index (key schema from the contract). */
export class PhotosTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: PhotosTableProps) {
    super(scope, id);
    const deletionProtection = props.deletionProtection ?? false;

    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: TABLE.partitionKey,
      rangeKey: TABLE.sortKey,
      attribute: [
        { name: TABLE.partitionKey, type: "S" },
        { name: TABLE.sortKey, type: "S" },
        { name: TABLE.userEventsIndex.partitionKey, type: "S" },
        { name: TABLE.userEventsIndex.sortKey, type: "S" },
      ],
      // "Events of a user": keys only, the events themselves are read by key.
      globalSecondaryIndex: [
        {
          name: TABLE.userEventsIndex.name,
          hashKey: TABLE.userEventsIndex.partitionKey,
          rangeKey: TABLE.userEventsIndex.sortKey,
          projectionType: "KEYS_ONLY",
        },
      ],
      ttl: { attributeName: TABLE.ttlAttribute, enabled: true },
      pointInTimeRecovery: { enabled: true },
      // Without a key ARN this is the AWS managed key (aws/dynamodb), not the default owned key.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: deletionProtection,
    });
  }
}
