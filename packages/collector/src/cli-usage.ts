// The `pulse` command's usage error: a wrong command or flag, answered with exit code 2.
export class UsageError extends Error {}
