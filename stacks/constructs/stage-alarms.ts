/**
 * Where a stage's alarms go, and the alarms on its functions and its API. Every alarm notifies the
 * stage's topic when it fires and when it recovers.
 */
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";

/** Alarm periods: five minutes, CloudWatch's standard resolution for these metrics. */
const PERIOD_SECONDS = 300;

export interface AlarmTopicProps {
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  /** Subscribed address; SNS mails it a confirmation link before it delivers. @default no subscription */
  readonly email?: string;
}

/** The stage's SNS topic for alarms, with an optional email subscription. */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, "topic", { name: `${props.namePrefix}-alarms` });
    if (props.email) new SnsTopicSubscription(this, "email", { topicArn: this.topic.arn, protocol: "email", endpoint: props.email });
  }
}

export interface FunctionAlarmsProps {
  /** The function's name as written in the stack (alarm names must be known to match the deploy role's prefix). */
  readonly name: string;
  /** The function's name attribute: the dimension, and the alarm's dependency on the function. */
  readonly functionName: string;
  readonly topicArn: string;
}

/** Alarms on a function's errors and throttles: any in five minutes. */
export class FunctionAlarms extends Construct {
  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const what = { Errors: "failed (it is retried, then sent to its failure queue)", Throttles: "was throttled (no concurrency left)" };
    for (const [metricName, meaning] of Object.entries(what)) {
      new CloudwatchMetricAlarm(this, metricName.toLowerCase(), {
        alarmName: `${props.name}-${metricName.toLowerCase()}`,
        alarmDescription: `An invocation of ${props.name} ${meaning}; see its log group`,
        namespace: "AWS/Lambda",
        metricName,
        dimensions: { FunctionName: props.functionName },
        statistic: "Sum",
        period: PERIOD_SECONDS,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
  }
}

export interface ApiErrorRateAlarmProps {
  readonly alarmName: string;
  /** The HTTP API's id. */
  readonly apiId: string;
  readonly topicArn: string;
  /** The alarm fires above this share of 5xx answers, in percent. @default 5 */
  readonly thresholdPercent?: number;
  /** Fewer requests than this in five minutes never fire it: one failure in three is noise. @default 20 */
  readonly minimumRequests?: number;
}

/** An alarm on the share of requests an HTTP API answers with a 5xx status. */
export class ApiErrorRateAlarm extends Construct {
  constructor(scope: Construct, id: string, props: ApiErrorRateAlarmProps) {
    super(scope, id);
    const thresholdPercent = props.thresholdPercent ?? 5;
    const minimumRequests = props.minimumRequests ?? 20;
    const metric = (metricName: string) => ({
      metric: { namespace: "AWS/ApiGateway", metricName, dimensions: { ApiId: props.apiId }, stat: "Sum", period: PERIOD_SECONDS },
      returnData: false,
    });

    new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: props.alarmName,
      alarmDescription: `More than ${thresholdPercent}% of API requests answered 5xx in five minutes; see the functions' logs and alarms`,
      evaluationPeriods: 1,
      threshold: thresholdPercent,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      metricQuery: [
        { id: "errors", ...metric("5xx") },
        { id: "requests", ...metric("Count") },
        { id: "rate", label: "5xx rate (%)", expression: `IF(requests >= ${minimumRequests}, 100 * errors / requests, 0)`, returnData: true },
      ],
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
