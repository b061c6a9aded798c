/**
 * The header the web client sends with every API request and the server requires on every state-changing
 * one (server/http/cross-site.ts): a page of another origin cannot send a custom header without a CORS
 * preflight, which the server never grants. Shared by the server, the web client and the tests.
 */
export const REQUEST_HEADER = 'x-requested-with';
export const REQUEST_HEADER_VALUE = 'pedmonitor';
