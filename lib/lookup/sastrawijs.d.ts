// sastrawijs ships typings (dist/index.d.ts) that its package.json "exports" map
// does not expose, so TypeScript cannot find them; this declares the part we use.
declare module "sastrawijs" {
  export class Stemmer {
    constructor(dictionary?: string[]);
    /** The root of a lower-case word, or the word itself when none is found. */
    stem(word: string): string;
    /** Whether the word is in the stemmer's root list. */
    find(word: string): boolean;
  }
}
