// The benchmarks' stand-in models: a missing one is built, and when the build
// cannot run, one line names the packages and the exact commands.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BUILT_BY_FILE,
  ensureStandIn,
  StandInMissing,
  standInDigest,
} from "../../scripts/bench/stand-in";

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

  it("builds again a stand-in that an earlier version of its script made", () => {
    // A complete model folder under a stand-in's name, with no record or an old one.
    const model = path.join(dir, "old", "bench-opus-shaped");
    fs.cpSync("tests/fixtures/tiny-marian", model, { recursive: true });
    const cannotBuild = { python: path.join(dir, "no-python"), mayInstall: false };
    expect(() => ensureStandIn(model, cannotBuild)).toThrow(/is out of date and building it needs/);
    fs.writeFileSync(path.join(model, BUILT_BY_FILE), "0".repeat(64) + "\n");
    expect(() => ensureStandIn(model, cannotBuild)).toThrow(/is out of date/);
    // Made by the scripts as they are now: measured as it is.
    fs.writeFileSync(path.join(model, BUILT_BY_FILE), standInDigest(model) + "\n");
    expect(() => ensureStandIn(model, cannotBuild)).not.toThrow();
    expect(standInDigest("tests/fixtures/tiny-marian")).toBeNull();
  });

  it("refuses a missing model that is no stand-in", () => {
    expect(() => ensureStandIn(path.join(dir, "some-model"))).toThrow(/No model at/);
  });
});
