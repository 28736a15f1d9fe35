import { functionNameOfArn, parseInvocationRecord, retriesExhaustedRecord } from "../../../scripts/local/invocation-record";

// The example record of Lambda's documentation (invocation-async-retain-records), as SQS delivers it.
const LAMBDA_EXAMPLE = {
  version: "1.0",
  timestamp: "2019-11-14T18:16:05.568Z",
  requestContext: {
    requestId: "e4b46cbf-b738-xmpl-8880-a18cdf61200e",
    functionArn: "arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST",
    condition: "RetriesExhausted",
    approximateInvokeCount: 3,
  },
  requestPayload: { ORDER_IDS: ["9e07af03-ce31-4ff3-xmpl-36dce652cb4f"] },
  responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
  responsePayload: { errorMessage: "RequestId: e4b46cbf-b738-xmpl-8880-a18cdf61200e Process exited before completing request" },
};

test("reads Lambda's own records", () => {
  expect(parseInvocationRecord(JSON.stringify(LAMBDA_EXAMPLE))).toEqual({ record: LAMBDA_EXAMPLE });
});

test("reads the records it writes", () => {
  const record = retriesExhaustedRecord({ functionArn: "arn:aws:lambda:us-east-1:000000000000:function:f", requestId: "r", event: { a: 1 }, attempts: 3, error: "not an Error", now: new Date(0) });
  expect(record.responsePayload).toEqual({ errorType: "Error", errorMessage: "not an Error", trace: expect.any(Array) });
  expect(parseInvocationRecord(JSON.stringify(record))).toEqual({ record });
});

test.each([
  ["text that is not JSON", "{not json", "its body is not JSON"],
  ["a record without its event", JSON.stringify({ ...LAMBDA_EXAMPLE, requestPayload: undefined }), "(requestPayload:"],
  ["a record without a request context", JSON.stringify({ ...LAMBDA_EXAMPLE, requestContext: undefined }), "(requestContext:"],
  ["a bad timestamp", JSON.stringify({ ...LAMBDA_EXAMPLE, timestamp: "yesterday" }), "(timestamp:"],
  ["some other message", JSON.stringify({ Records: [] }), "it is not a Lambda invocation record"],
])("says what is wrong with %s", (_case, body, problem) => {
  const parsed = parseInvocationRecord(body);
  expect("problem" in parsed && parsed.problem).toContain(problem);
});

test.each([
  ["arn:aws:lambda:eu-west-1:123456789012:function:event-photos-dev-process-upload:$LATEST", "event-photos-dev-process-upload"],
  ["arn:aws:lambda:eu-west-1:123456789012:function:event-photos-dev-process-upload", "event-photos-dev-process-upload"],
  ["arn:aws-cn:lambda:cn-north-1:123456789012:function:f:live", "f"],
  ["arn:aws:sqs:eu-west-1:123456789012:queue", undefined],
  ["process-upload", undefined],
])("the function of %s is %s", (arn, name) => {
  expect(functionNameOfArn(arn)).toBe(name);
});
