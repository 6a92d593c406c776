/** Mavi's rate limit: spacing requests per account and endpoint, and reading its limit answers. */
export * from './answers';
export * from './limiter';
