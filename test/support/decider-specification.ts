import { expect } from '@jest/globals';

/**
 * A tiny emmett-style given/when/then harness for pure deciders.
 *
 *   const spec = DeciderSpecification.for({ decide, evolve, initialState });
 *   spec([opened()]).when(addMessage()).then([messageAdded()]);
 *   spec([opened(), closed()]).when(addMessage()).thenThrows('TICKET_CLOSED');
 *
 * The given events are folded with `evolve` from `initialState()`, the command is decided against
 * that state, and the produced events (or the thrown error) are checked with Jest's `expect`.
 * Test-only: nothing outside `*.spec.ts` files should import it.
 */
export interface Decider<Command, Event, State> {
  readonly decide: (command: Command, state: State) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

/** An error `code` (compared with the thrown error's `code` property) or a predicate on the thrown value. */
export type ThrownErrorCheck = string | ((error: unknown) => boolean);

export interface DeciderThen<Event> {
  /** The command succeeds and produces exactly these events, in this order. */
  then(expected: readonly Event[]): void;
  /** The command is rejected; optionally with this error code, or an error satisfying the predicate. */
  thenThrows(check?: ThrownErrorCheck): void;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

export type DeciderSpecification<Command, Event> = (
  givenEvents?: readonly Event[],
) => DeciderWhen<Command, Event>;

type Outcome<Event> =
  | { readonly kind: 'events'; readonly events: readonly Event[] }
  | { readonly kind: 'thrown'; readonly error: unknown };

function describeThrown(error: unknown): string {
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`;
  }
  return String(error);
}

export const DeciderSpecification = {
  for<Command, Event, State>(
    decider: Decider<Command, Event, State>,
  ): DeciderSpecification<Command, Event> {
    return (givenEvents: readonly Event[] = []) => ({
      when: (command: Command): DeciderThen<Event> => {
        const run = (): Outcome<Event> => {
          const state = givenEvents.reduce<State>(
            (current, event) => decider.evolve(current, event),
            decider.initialState(),
          );
          try {
            return { kind: 'events', events: decider.decide(command, state) };
          } catch (error: unknown) {
            return { kind: 'thrown', error };
          }
        };

        return {
          then: (expected: readonly Event[]): void => {
            const outcome = run();
            if (outcome.kind === 'thrown') {
              throw new Error(
                `Expected the command to produce events, but it threw ${describeThrown(outcome.error)}`,
              );
            }
            expect(outcome.events).toEqual(expected);
          },

          thenThrows: (check?: ThrownErrorCheck): void => {
            const outcome = run();
            if (outcome.kind === 'events') {
              throw new Error(
                `Expected the command to throw, but it produced ${JSON.stringify(outcome.events)}`,
              );
            }
            const { error } = outcome;
            if (check === undefined) {
              expect(error).toBeDefined();
            } else if (typeof check === 'string') {
              expect(error).toMatchObject({ code: check });
            } else {
              const satisfied = check(error);
              if (!satisfied) {
                throw new Error(
                  `The thrown error did not satisfy the predicate: ${describeThrown(error)}`,
                );
              }
              expect(satisfied).toBe(true);
            }
          },
        };
      },
    });
  },
};
