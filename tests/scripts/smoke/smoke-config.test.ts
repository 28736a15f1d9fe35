import { SMOKE_ENV, resolveSmokeConfig } from "../../../scripts/smoke/smoke-config";
import { SmokeError } from "../../../scripts/smoke/smoke-error";
import { STAGE_OUTPUTS } from "../../../stacks/names";
import { synthStage } from "../../helpers/stage-stacks";

const USER = { [SMOKE_ENV.username]: "smoke@example.com", [SMOKE_ENV.password]: "Secret-1!", [SMOKE_ENV.eventId]: "smoke-event" };
const OUTPUTS = {
  "photos-infra-dev": {
    [STAGE_OUTPUTS.infra.userPoolId]: "eu-central-1_AbC123",
    [STAGE_OUTPUTS.infra.userPoolClientId]: "client-123",
    "photos-base-url": "https://d111.cloudfront.net",
  },
  "photos-api-dev": { [STAGE_OUTPUTS.api.apiUrl]: "https://abc.execute-api.eu-central-1.amazonaws.com" },
};
const noFile = (path: string): string => {
  throw new Error(`unexpected read of ${path}`);
};

test("takes everything from the environment", () => {
  const config = resolveSmokeConfig(
    { ...USER, [SMOKE_ENV.apiUrl]: " http://127.0.0.1:3000 ", [SMOKE_ENV.region]: "us-east-1", [SMOKE_ENV.clientId]: "c1", [SMOKE_ENV.cognitoEndpoint]: "http://127.0.0.1:9229" },
    noFile,
  );
  expect(config).toEqual({
    apiUrl: "http://127.0.0.1:3000",
    region: "us-east-1",
    clientId: "c1",
    cognitoEndpoint: "http://127.0.0.1:9229",
    username: "smoke@example.com",
    password: "Secret-1!",
    eventId: "smoke-event",
  });
});

test("reads the API URL, client id and region from cdktf's outputs file for the stage", () => {
  const config = resolveSmokeConfig({ ...USER, [SMOKE_ENV.outputsFile]: "out.json", [SMOKE_ENV.stage]: "dev" }, () => JSON.stringify(OUTPUTS));
  expect(config).toMatchObject({
    apiUrl: "https://abc.execute-api.eu-central-1.amazonaws.com",
    clientId: "client-123",
    region: "eu-central-1",
    cognitoEndpoint: undefined,
  });
});

test("an environment variable overrides the outputs file", () => {
  const config = resolveSmokeConfig(
    { ...USER, [SMOKE_ENV.outputsFile]: "out.json", [SMOKE_ENV.stage]: "dev", [SMOKE_ENV.region]: "us-west-2" },
    () => JSON.stringify(OUTPUTS),
  );
  expect(config.region).toBe("us-west-2");
});

test("names a missing variable and what to set it to", () => {
  expect(() => resolveSmokeConfig({ ...USER, [SMOKE_ENV.clientId]: "c1", [SMOKE_ENV.region]: "us-east-1" }, noFile)).toThrow(
    new SmokeError(undefined, `${SMOKE_ENV.apiUrl} is not set; set it to the API's base URL (or set ${SMOKE_ENV.outputsFile})`),
  );
  const withoutPassword = { ...USER, [SMOKE_ENV.password]: undefined };
  expect(() => resolveSmokeConfig({ ...withoutPassword, [SMOKE_ENV.apiUrl]: "u", [SMOKE_ENV.clientId]: "c", [SMOKE_ENV.region]: "r" }, noFile)).toThrow(
    `${SMOKE_ENV.password} is not set`,
  );
});

test("an outputs file needs its stage", () => {
  expect(() => resolveSmokeConfig({ ...USER, [SMOKE_ENV.outputsFile]: "out.json" }, () => JSON.stringify(OUTPUTS))).toThrow(
    `${SMOKE_ENV.stage} is not set`,
  );
});

test("names the stack and output an outputs file lacks", () => {
  const infraOnly = { ...OUTPUTS, "photos-api-dev": undefined };
  expect(() => resolveSmokeConfig({ ...USER, [SMOKE_ENV.outputsFile]: "out.json", [SMOKE_ENV.stage]: "dev" }, () => JSON.stringify(infraOnly))).toThrow(
    "out.json has no output `api-url` of stack photos-api-dev",
  );
});

test("refuses an outputs file that is not JSON", () => {
  expect(() => resolveSmokeConfig({ ...USER, [SMOKE_ENV.outputsFile]: "out.json", [SMOKE_ENV.stage]: "dev" }, () => "not json")).toThrow(SmokeError);
});

test("reads outputs the stage stacks declare", async () => {
  const { infraJson, apiJson } = await synthStage("dev");
  expect(Object.keys(infraJson.output ?? {})).toEqual(expect.arrayContaining(Object.values(STAGE_OUTPUTS.infra)));
  expect(Object.keys(apiJson.output ?? {})).toEqual(expect.arrayContaining(Object.values(STAGE_OUTPUTS.api)));
});
