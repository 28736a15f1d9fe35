import { Construct } from "constructs";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

export interface FailureQueueProps {
  readonly queueName: string;
  /** The alarm fires when more messages than this wait in the queue. */
  readonly alarmThreshold: number;
  /** SNS topic told when the alarm fires and recovers. */
  readonly alarmTopicArn: string;
  /** How long failed events stay for inspection and replay. @default 14 days (the SQS maximum) */
  readonly retentionSeconds?: number;
}

/** An encrypted queue that keeps events a function gave up on, and an alarm when any wait there. */
export class FailureQueue extends Construct {
  readonly queue: SqsQueue;
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);
    const retentionSeconds = props.retentionSeconds ?? 14 * 24 * 60 * 60;
    const alarmActions = [props.alarmTopicArn];

    this.queue = new SqsQueue(this, "queue", {
      name: props.queueName,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: retentionSeconds,
    });
    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: `${props.queueName}-not-empty`,
      alarmDescription: `Events in ${props.queueName} failed every retry; inspect and replay them`,
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: this.queue.name },
      statistic: "Maximum",
      period: 300,
      evaluationPeriods: 1,
      threshold: props.alarmThreshold,
      comparisonOperator: "GreaterThanThreshold",
      // SQS stops sending metrics for an idle queue: no data means nothing failed.
      treatMissingData: "notBreaching",
      alarmActions,
      okActions: alarmActions,
    });
  }
}
