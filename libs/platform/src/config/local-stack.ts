/** The database of the stack that `npm start` runs: the CLIs use it when no DATABASE_URL is set. */
export const LOCAL_STACK_DATABASE = 'postgres://tickets:tickets@127.0.0.1:55432/tickets';
