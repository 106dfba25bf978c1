import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", ".cache/", "node_modules/", "coverage/", "test-results/", "playwright-report/", "extensions/*/dist/"] },
  js.configs.recommended,
  // Codegen writes `eslint-disable` into every generated file; in a small one nothing may need it.
  { files: ["app/shopify/generated/*.d.ts"], linterOptions: { reportUnusedDisableDirectives: "off" } },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { react, "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  { files: ["**/*.js"], languageOptions: { globals: globals.node } },
  // Served to the browser as is.
  { files: ["simulator/app-bridge-stub.js"], languageOptions: { globals: globals.browser, sourceType: "script" } },
  // Playwright fixtures call `use`, which is not React's hook.
  { files: ["tests/e2e/**/*.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
);
