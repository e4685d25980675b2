import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Circles in the import graph of a TypeScript project: the files its tsconfig.json
 * includes, joined by every import between them, `import type` and `import()`
 * included (a type import still ties the two modules' designs together). ESLint's
 * import/no-cycle skips type imports, so the graph is walked here with the
 * compiler's own module resolution (the "@/…" paths of tsconfig.json).
 *
 * Each circle is given as one loop through it, relative to the root, starting and
 * ending at the same file: ["lib/a.ts", "lib/b.ts", "lib/a.ts"].
 */
export function findImportCycles(root: string, skip: readonly string[] = []): string[][] {
  const configFile = path.join(root, "tsconfig.json");
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");
  const files = parsed.fileNames.filter(
    (file) => !skip.some((folder) => relative(file).startsWith(`${folder}/`)),
  );
  const known = new Set(files);
  const cache = ts.createModuleResolutionCache(root, (name) => name, parsed.options);

  const imports = new Map<string, string[]>();
  for (const file of files) {
    const found = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles;
    const targets = found
      .map(
        ({ fileName }) =>
          ts.resolveModuleName(fileName, file, parsed.options, ts.sys, cache).resolvedModule
            ?.resolvedFileName,
      )
      .filter((target): target is string => target !== undefined && known.has(target));
    imports.set(file, [...new Set(targets)]);
  }

  return stronglyConnected(imports)
    .map((group) => loopThrough(group, imports).map(relative))
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Tarjan's algorithm: the groups of files that can each reach every other one. */
function stronglyConnected(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)?.includes(file)) groups.push(group);
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return groups;
}

/** The shortest way from the group's first file (by name) back to itself, inside the group. */
function loopThrough(group: string[], graph: Map<string, string[]>): string[] {
  const inGroup = new Set(group);
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const next of graph.get(file) ?? []) {
      if (next === start) {
        const loop = [file];
        while (loop[0] !== start) loop.unshift(cameFrom.get(loop[0]!)!);
        return [...loop, start];
      }
      if (inGroup.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
