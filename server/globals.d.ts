/** Injected by the server build (scripts/build.mjs) from package.json. */
declare const __REELDESK_VERSION__: string | undefined
