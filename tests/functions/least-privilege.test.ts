/** The observer that checks every hosted invocation's AWS calls against its contract access (tests/helpers/iam-observer.ts). */
import { DeleteObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { EMULATOR_CLIENT_CONFIG } from "../../scripts/local/emulators";
import { ungranted, withGrantedCallsOnly } from "../helpers/iam-observer";
import { startFunctionStack, type FunctionStack } from "../helpers/function-stack";

let stack: FunctionStack;
let s3: S3Client;
beforeAll(async () => {
  stack = await startFunctionStack();
  s3 = new S3Client({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.emulators.s3Endpoint, forcePathStyle: true });
});
afterAll(async () => {
  s3.destroy();
  await stack.stop();
});

test("maps each call to its action and key, and names what a function is not granted", () => {
  expect(ungranted("list-photos", [{ action: "dynamodb:Query" }, { action: "dynamodb:PutItem" }])).toEqual([{ action: "dynamodb:PutItem" }]);
  expect(ungranted("list-my-events", [{ action: "dynamodb:Query" }])).toEqual([]);
  expect(ungranted("delete-photo", [{ action: "s3:DeleteObject", key: "uploads/e/p.png" }, { action: "s3:DeleteObject", key: "other/x" }])).toEqual([
    { action: "s3:DeleteObject", key: "other/x" },
  ]);
});

test("an invocation that makes a call its role would refuse fails, naming the call", async () => {
  const deleteSomething = () => s3.send(new DeleteObjectCommand({ Bucket: stack.emulators.bucket, Key: "uploads/e/x.png" }));
  await expect(withGrantedCallsOnly("list-photos", deleteSomething)).rejects.toThrow("list-photos made calls its contract access does not grant: s3:DeleteObject on uploads/e/x.png");
  await expect(withGrantedCallsOnly("delete-photo", deleteSomething)).resolves.toBeDefined();
});
