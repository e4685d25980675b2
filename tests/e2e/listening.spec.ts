import { expect, test, type Page } from "@playwright/test";
import { waitForTranslation } from "../helpers/reader-page";

// Listening, with the page's speech synthesis replaced by a recording stand-in
// (headless Chromium has no voices): what is spoken, in which language, voice
// and speed; the highlight moving on each utterance's end; pause and resume;
// and nothing spoken when the only Indonesian voices are online ones.

interface StandInVoice {
  name: string;
  lang: string;
  localService: boolean;
}
interface Said {
  text: string;
  lang: string;
  voice: string | null;
  rate: number;
}

const LOCAL_ID = { name: "Indonesian (this computer)", lang: "id-ID", localService: true };
const ONLINE_ID = { name: "Indonesian (online)", lang: "id-ID", localService: false };
const LOCAL_EN = { name: "English (this computer)", lang: "en-US", localService: true };

/** Replaces speechSynthesis before the page's scripts run. `__end()` ends the utterance being spoken. */
async function installStandIn(page: Page, voices: StandInVoice[]) {
  await page.addInitScript((list: StandInVoice[]) => {
    type U = {
      text: string;
      lang: string;
      voice: { name: string } | null;
      rate: number;
      onend: ((e: Event) => void) | null;
      onerror: ((e: Event) => void) | null;
    };
    const w = window as unknown as {
      __said: Said[];
      __queue: U[];
      __paused: boolean;
      __end(): void;
    };
    w.__said = [];
    w.__queue = [];
    w.__paused = false;
    const voiceObjects = list.map((v) => ({ ...v, voiceURI: v.name, default: false }));
    class Utterance {
      text: string;
      lang = "";
      voice: { name: string } | null = null;
      rate = 1;
      pitch = 1;
      volume = 1;
      onend: ((e: Event) => void) | null = null;
      onerror: ((e: Event) => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const synth = {
      get speaking() {
        return w.__queue.length > 0;
      },
      get paused() {
        return w.__paused;
      },
      pending: false,
      getVoices: () => voiceObjects,
      speak(u: U) {
        w.__queue.push(u);
        w.__said.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null, rate: u.rate });
      },
      cancel() {
        w.__queue = [];
      },
      pause() {
        w.__paused = true;
      },
      resume() {
        w.__paused = false;
      },
      addEventListener() {},
      removeEventListener() {},
    };
    w.__end = () => {
      const u = w.__queue.shift();
      u?.onend?.(new Event("end"));
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
    Object.defineProperty(window, "SpeechSynthesisUtterance", {
      value: Utterance,
      configurable: true,
    });
  }, voices);
}

const said = (page: Page) => page.evaluate(() => (window as unknown as { __said: Said[] }).__said);
const endUtterance = (page: Page) =>
  page.evaluate(() => (window as unknown as { __end(): void }).__end());

async function openArticle(page: Page, request: import("@playwright/test").APIRequestContext) {
  const response = await request.post("/api/articles", {
    data: {
      title: "Dengar",
      text: "Kim bertemu Putin di Rusia. Xi bertemu Kim di Pyongyang.\n\nPutin bertemu Shoigu di Moskow.",
    },
  });
  expect(response.status()).toBe(201);
  const { slug } = (await response.json()) as { slug: string };
  await page.goto(`/en/articles/${slug}`);
  await waitForTranslation(page);
}

const speaking = (page: Page) => page.locator(".sentence.speaking");

test("reads the article in Indonesian with a local voice, sentence by sentence, highlighting both columns", async ({
  page,
  request,
}) => {
  await installStandIn(page, [ONLINE_ID, LOCAL_ID, LOCAL_EN]);
  await openArticle(page, request);
  await page.getByRole("button", { name: "Listen" }).click();
  const bar = page.getByRole("region", { name: "Listening" });
  await bar.getByLabel("Speed").selectOption("0.8");
  await bar.getByRole("button", { name: "Whole article" }).click();

  await expect
    .poll(() => said(page))
    .toEqual([
      {
        text: "Kim bertemu Putin di Rusia.",
        lang: "id-ID",
        voice: "Indonesian (this computer)",
        rate: 0.8,
      },
    ]);
  // The sentence being read is marked in both columns.
  await expect(speaking(page)).toHaveCount(2);
  await expect(page.locator(".para.source .sentence.speaking")).toHaveText(
    "Kim bertemu Putin di Rusia.",
  );
  await expect(page.locator(".para.target .sentence.speaking")).toHaveText(
    "Kim met Putin in Russia.",
  );
  await expect(bar.getByRole("status")).toHaveText("Reading sentence 1 of 3");

  // Its end moves the highlight to the next sentence.
  await endUtterance(page);
  await expect(page.locator(".para.source .sentence.speaking")).toHaveText(
    "Xi bertemu Kim di Pyongyang.",
  );
  await expect
    .poll(async () => (await said(page)).map((s) => s.text))
    .toEqual(["Kim bertemu Putin di Rusia.", "Xi bertemu Kim di Pyongyang."]);

  // Pause and resume, by button and by the P key.
  await bar.getByRole("button", { name: "Pause" }).click();
  expect(await page.evaluate(() => speechSynthesis.paused)).toBe(true);
  await expect(bar.getByRole("status")).toHaveText("Paused at sentence 2 of 3");
  await bar.getByRole("button", { name: "Resume" }).click();
  expect(await page.evaluate(() => speechSynthesis.paused)).toBe(false);
  await page.locator("h1").click();
  await page.keyboard.press("p");
  await expect(bar.getByRole("button", { name: "Resume" })).toBeVisible();
  expect(await page.evaluate(() => speechSynthesis.paused)).toBe(true);
  await page.keyboard.press("p");
  expect(await page.evaluate(() => speechSynthesis.paused)).toBe(false);

  // Next and previous sentence; a new speed applies from the next sentence.
  await bar.getByLabel("Speed").selectOption("1.5");
  await bar.getByRole("button", { name: "Next sentence" }).click();
  await expect(page.locator(".para.source .sentence.speaking")).toHaveText(
    "Putin bertemu Shoigu di Moskow.",
  );
  await page.locator("h1").click();
  await page.keyboard.press("[");
  await expect(page.locator(".para.source .sentence.speaking")).toHaveText(
    "Xi bertemu Kim di Pyongyang.",
  );
  expect((await said(page)).slice(2)).toEqual([
    {
      text: "Putin bertemu Shoigu di Moskow.",
      lang: "id-ID",
      voice: "Indonesian (this computer)",
      rate: 1.5,
    },
    {
      text: "Xi bertemu Kim di Pyongyang.",
      lang: "id-ID",
      voice: "Indonesian (this computer)",
      rate: 1.5,
    },
  ]);

  // The end of the last sentence ends the reading.
  await endUtterance(page);
  await endUtterance(page);
  await expect(speaking(page)).toHaveCount(0);
  // No network voice was ever used.
  expect((await said(page)).every((s) => s.voice === "Indonesian (this computer)")).toBe(true);
});

test("reads a sentence or a paragraph, and the English after each sentence when asked", async ({
  page,
  request,
}) => {
  await installStandIn(page, [LOCAL_ID, LOCAL_EN]);
  await openArticle(page, request);
  await page.getByRole("button", { name: "Listen" }).click();
  const bar = page.getByRole("region", { name: "Listening" });
  await bar.getByLabel("Speed").selectOption("1");
  await bar.getByLabel("Also read the English").check();

  // The focused sentence alone.
  await page.locator(".para.source .sentence").nth(1).focus();
  await bar.getByRole("button", { name: "Sentence", exact: true }).click();
  await expect
    .poll(() => said(page))
    .toEqual([
      { text: "Xi bertemu Kim di Pyongyang.", lang: "id-ID", voice: LOCAL_ID.name, rate: 1 },
      { text: "Xi met Kim in Pyongyang.", lang: "en-US", voice: LOCAL_EN.name, rate: 1 },
    ]);
  await endUtterance(page);
  await expect(speaking(page)).toHaveCount(2);
  await endUtterance(page);
  await expect(speaking(page)).toHaveCount(0);

  // Its paragraph: both of its sentences, not the next paragraph.
  await bar.getByLabel("Also read the English").uncheck();
  await bar.getByRole("button", { name: "Paragraph" }).click();
  await endUtterance(page);
  await endUtterance(page);
  await expect(speaking(page)).toHaveCount(0);
  expect((await said(page)).slice(2).map((s) => s.text)).toEqual([
    "Kim bertemu Putin di Rusia.",
    "Xi bertemu Kim di Pyongyang.",
  ]);
});

test("with only online Indonesian voices nothing is spoken, and the control says how to install a voice", async ({
  page,
  request,
}) => {
  await installStandIn(page, [ONLINE_ID, LOCAL_EN]);
  await openArticle(page, request);
  await page.getByRole("button", { name: "Listen" }).click();
  const bar = page.getByRole("region", { name: "Listening" });
  await expect(bar.getByRole("alert")).toContainText("No Indonesian voice is installed");
  await expect(bar).toContainText("espeak-ng");
  await expect(bar).toContainText("macOS");
  await expect(bar).toContainText("Windows");
  await expect(bar.getByRole("button", { name: "Whole article" })).toHaveCount(0);
  await page.locator("h1").click();
  await page.keyboard.press("p");
  await page.waitForTimeout(300);
  expect(await said(page)).toEqual([]);
  await expect(speaking(page)).toHaveCount(0);
});

test.describe("in Indonesian", () => {
  test.use({ locale: "id-ID" });

  test("the missing-voice message is in the interface language", async ({ page, request }) => {
    await installStandIn(page, [ONLINE_ID]);
    const response = await request.post("/api/articles", {
      data: { title: "Dengar lagi", text: "Kim bertemu Putin di Rusia." },
    });
    const { slug } = (await response.json()) as { slug: string };
    await page.goto(`/id/articles/${slug}`);
    await page.getByRole("button", { name: "Dengarkan" }).click();
    await expect(page.getByRole("region", { name: "Pembacaan" }).getByRole("alert")).toContainText(
      "Tidak ada suara bahasa Indonesia yang terpasang",
    );
  });
});
