// The benchmarks' stand-in models: a missing one is built, and when the build
// cannot run, one line names the packages and the exact commands.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureStandIn, StandInMissing } from "../../scripts/bench/stand-in";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stand-in-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("ensureStandIn", () => {
  it("does nothing for a model that is there", () => {
    expect(() => ensureStandIn("tests/fixtures/tiny-marian")).not.toThrow();
  });

  it("names the packages and the commands when Python lacks torch and may not install", () => {
    const model = path.join(dir, "bench-opus-shaped");
    let message = "";
    try {
      ensureStandIn(model, { python: path.join(dir, "no-python"), mayInstall: false });
    } catch (error) {
      expect(error).toBeInstanceOf(StandInMissing);
      message = (error as Error).message;
    }
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(
      "sudo apt-get install -y python3-torch python3-onnx libopenblas0-pthread && /usr/bin/python3 scripts/models/build-opus-shaped-model.py",
    );
    expect(message).toContain(`--out ${model}`);
    expect(fs.existsSync(model)).toBe(false);
  });

  it("refuses a missing model that is no stand-in", () => {
    expect(() => ensureStandIn(path.join(dir, "some-model"))).toThrow(/No model at/);
  });
});
