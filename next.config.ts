import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Native and WebAssembly packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: [
    "@huggingface/transformers",
    "onnxruntime-node",
    "@libsql/client",
    "@prisma/adapter-libsql",
    "@prisma/adapter-pg",
    "pg",
    "sastrawijs",
  ],
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
