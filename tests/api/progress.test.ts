import { beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as progress } from "@/app/api/translation/progress/route";
import type { Db } from "@/lib/db/client";
import { freshDb } from "../helpers/db";
import { addArticle, addMachineTranslation } from "../helpers/library";

let db: Db;

beforeEach(() => {
  db = freshDb().db;
});

describe("translation progress", () => {
  it("reports each article's translated sentences, the library's, and what is left", async () => {
    const a = await addArticle(db, "a", [["Kim tiba.", "Xi tiba."], ["Putin tiba."]]);
    await addArticle(db, "b", [["Shoigu tiba."]]);
    await addMachineTranslation(db, a[0]!.id, "Kim arrives.");
    const response = await progress(
      new Request("http://localhost/api/translation/progress?slugs=a,b,missing"),
      undefined,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      articles: { a: { done: 1, total: 3 }, b: { done: 0, total: 1 } },
      library: { done: 1, total: 4 },
      queue: { articles: 2, sentences: 3 },
    });
  });

  it("is part of the health report", async () => {
    const [s] = await addArticle(db, "a", [["Kim tiba.", "Xi tiba."]]);
    await addMachineTranslation(db, s!.id, "Kim arrives.");
    const body = (await (await health()).json()) as { queue: unknown };
    expect(body.queue).toEqual({ articles: 1, sentences: 1 });
  });
});
