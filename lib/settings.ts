/**
 * Reads a positive number from a setting (an environment variable, see
 * .env.example); anything missing, unreadable or not positive gives the
 * fallback. Whole numbers only unless `fractions` is set.
 */
export function numberSetting<F extends number | undefined>(
  name: string,
  fallback: F,
  { env = process.env, fractions = false }: { env?: NodeJS.ProcessEnv; fractions?: boolean } = {},
): number | F {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  const valid = fractions ? Number.isFinite(value) : Number.isSafeInteger(value);
  return valid && value > 0 ? value : fallback;
}
