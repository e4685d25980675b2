// Runs once when the server starts: begin loading the translation model in the
// background so that the first article does not wait for it, and so that the
// health endpoint can tell early whether the model is usable.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEngine } = await import("./lib/translation/engine");
  void getEngine().ensureLoaded();
}
