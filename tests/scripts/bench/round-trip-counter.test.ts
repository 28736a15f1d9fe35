import { once } from "node:events";
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { countRoundTrips } from "../../../scripts/bench/round-trip-counter";

function request(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      response.resume();
      response.on("end", resolve);
    }).on("error", reject);
  });
}

describe("countRoundTrips", () => {
  let counted: Server;
  let other: Server;
  let countedUrl: string;
  let otherUrl: string;

  beforeAll(async () => {
    [counted, other] = [createServer((_, res) => res.end("ok")), createServer((_, res) => res.end("ok"))];
    counted.listen(0, "127.0.0.1");
    other.listen(0, "127.0.0.1");
    await Promise.all([once(counted, "listening"), once(other, "listening")]);
    countedUrl = `http://127.0.0.1:${(counted.address() as AddressInfo).port}`;
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    counted.close();
    other.close();
    await Promise.all([once(counted, "close"), once(other, "close")]);
  });

  it("counts the requests sent to the given endpoints only", async () => {
    const counter = countRoundTrips([countedUrl]);
    try {
      await request(`${countedUrl}/a`);
      await request(`${countedUrl}/b`);
      await request(`${otherUrl}/c`);
      expect(counter.count).toBe(2);
    } finally {
      counter.stop();
    }
  });

  it("starts again from zero after reset", async () => {
    const counter = countRoundTrips([countedUrl]);
    try {
      await request(countedUrl);
      counter.reset();
      await request(countedUrl);
      expect(counter.count).toBe(1);
    } finally {
      counter.stop();
    }
  });

  it("reports the most requests in flight at once", async () => {
    // The server holds the first three requests until all three have arrived, so exactly three overlap.
    let held: Array<() => void> | undefined = [];
    const gate = createServer((_, res) => {
      if (!held) return void res.end("ok");
      held.push(() => res.end("ok"));
      if (held.length < 3) return;
      for (const answer of held) answer();
      held = undefined;
    });
    gate.listen(0, "127.0.0.1");
    await once(gate, "listening");
    const gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
    const counter = countRoundTrips([gateUrl]);
    try {
      await Promise.all([request(gateUrl), request(gateUrl), request(gateUrl)]);
      await request(gateUrl);
      expect(counter.peakInFlight).toBe(3);
      counter.reset();
      await request(gateUrl);
      expect(counter.peakInFlight).toBe(1);
    } finally {
      counter.stop();
      gate.close();
      await once(gate, "close");
    }
  });

  it("stops counting once stopped", async () => {
    const counter = countRoundTrips([countedUrl]);
    await request(countedUrl);
    counter.stop();
    await request(countedUrl);
    expect(counter.count).toBe(1);
  });
});
