/** true only in dist/test/* builds (build.mjs); lets e2e tests reach hooks users never get. */
declare const __SHELFMARK_TEST__: boolean;
