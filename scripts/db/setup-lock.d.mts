export function isPostgresUrl(url: string | undefined): boolean;
export function withSetupLock<T>(
  url: string | undefined,
  work: () => T | Promise<T>,
  options?: { onWait?: () => void },
): Promise<T>;
