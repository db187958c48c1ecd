// The collector could not listen where asked (the port taken, no permission): told in one line, exit code 1.
export class ListenError extends Error {}
