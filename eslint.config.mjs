// Lint rules: Next.js's recommended set (React, hooks, accessibility, Core Web
// Vitals) with TypeScript. Formatting is Prettier's job, not ESLint's.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "lib/db/generated-pg/**",
      "models/**",
      "test-results/**",
      "playwright-report/**",
      "tmp/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
