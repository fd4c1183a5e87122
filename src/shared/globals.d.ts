/** true only in dist/test/* builds (build.mjs); lets e2e tests reach hooks users never get. */
declare const __SHELFMARK_TEST__: boolean;

/** A stylesheet imported as text (build.mjs cssText minifies it; Vite reads it as written). */
declare module '*.css?raw' {
  const css: string;
  export default css;
}
