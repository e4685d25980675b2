// Public surface of the glossary library (pure TypeScript, no database).
export * from './types';
export * from './matcher';
export * from './placeholders';
export * from './mining';
export * from './exchange';
