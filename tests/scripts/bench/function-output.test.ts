import { dropFunctionOutput } from "../../../scripts/bench/function-output";

test("drops the functions' JSON lines and lets everything else through, until restored", () => {
  const written: unknown[] = [];
  const write = (chunk: unknown) => {
    written.push(chunk);
    return true;
  };
  const stream = { write } as unknown as NodeJS.WriteStream;
  const restore = dropFunctionOutput(stream);
  const done = jest.fn();

  expect(stream.write('{"level":"INFO","message":"upload processed"}\n', done)).toBe(true);
  stream.write("[ 12s] processor 1/2 loopback batch: 100 records in 700 ms\n");
  stream.write(Buffer.from('{"binary":"passes"}\n'));
  restore();
  stream.write('{"after":"restore"}\n');

  expect(done).toHaveBeenCalled();
  expect(written).toEqual(["[ 12s] processor 1/2 loopback batch: 100 records in 700 ms\n", Buffer.from('{"binary":"passes"}\n'), '{"after":"restore"}\n']);
  expect(stream.write).toBe(write);
});
