import { Construct } from "constructs";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";

export interface UploadTriggerProps {
  /** The function that processes each new object. */
  readonly processor: LambdaFunction;
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The account that owns the bucket: without it any account's bucket of that name could invoke. */
  readonly bucketAccountId: string;
  /** Only keys under this prefix notify the processor. */
  readonly filterPrefix: string;
  /** Where an event goes once every retry has failed (an SQS queue ARN). */
  readonly onFailureDestinationArn: string;
  /** Lambda's retries of a failed asynchronous invocation. @default 2 (the most Lambda allows) */
  readonly maximumRetryAttempts?: number;
  /** Events older than this go to the destination without another try. @default 6 hours */
  readonly maximumEventAgeSeconds?: number;
}

/**
 * S3 `ObjectCreated` under a key prefix invokes the processor asynchronously; events that fail every
 * retry land in the on-failure destination, so none is dropped silently.
 */
export class UploadTrigger extends Construct {
  constructor(scope: Construct, id: string, props: UploadTriggerProps) {
    super(scope, id);
    const maximumRetryAttempts = props.maximumRetryAttempts ?? 2;
    const maximumEventAgeSeconds = props.maximumEventAgeSeconds ?? 6 * 60 * 60;

    const permission = new LambdaPermission(this, "invoke-permission", {
      statementId: "AllowPhotosBucketNotifications",
      action: "lambda:InvokeFunction",
      functionName: props.processor.functionName,
      principal: "s3.amazonaws.com",
      sourceArn: props.bucketArn,
      sourceAccount: props.bucketAccountId,
    });
    new LambdaFunctionEventInvokeConfig(this, "async-invoke-config", {
      functionName: props.processor.functionName,
      maximumRetryAttempts,
      maximumEventAgeInSeconds: maximumEventAgeSeconds,
      destinationConfig: { onFailure: { destination: props.onFailureDestinationArn } },
    });
    // S3 checks at creation that it may invoke the function: the permission must exist first.
    new S3BucketNotification(this, "notification", {
      bucket: props.bucketName,
      lambdaFunction: [
        { lambdaFunctionArn: props.processor.arn, events: ["s3:ObjectCreated:*"], filterPrefix: props.filterPrefix },
      ],
      dependsOn: [permission],
    });
  }
}
