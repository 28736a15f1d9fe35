import { stageRedriveNames } from "../../../scripts/redrive/redrive-targets";
import { resourcesOf, synthStage } from "../../helpers/stage-stacks";

test("a stage's redrive reads the queue the api stack declares and invokes the function it declares, in the stage's region", async () => {
  const names = stageRedriveNames("dev");
  expect(names).toEqual({
    region: "eu-west-1",
    pairs: [{ queueName: "event-photos-dev-process-upload-failures", functionName: "event-photos-dev-process-upload" }],
  });
  const { apiJson } = await synthStage("dev");
  const queues = resourcesOf(apiJson, "aws_sqs_queue").map((queue) => queue.name);
  const functions = resourcesOf(apiJson, "aws_lambda_function").map((fn) => fn.function_name);
  for (const { queueName, functionName } of names.pairs) {
    expect(queues).toContain(queueName);
    expect(functions).toContain(functionName);
  }
});

test("names an unknown stage", () => {
  expect(() => stageRedriveNames("staging")).toThrow("Stage `staging` is not defined; use one of dev, prod");
});
