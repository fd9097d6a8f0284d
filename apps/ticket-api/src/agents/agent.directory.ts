/** A support agent: the person behind one or more staff keys. */
export interface Agent {
  readonly id: number;
  readonly name: string;
  /** Group names, sorted. */
  readonly groups: readonly string[];
}

export const AGENT_DIRECTORY = Symbol('AGENT_DIRECTORY');

export interface AgentDirectory {
  /** The agent of this name, created on first use; the groups are added to those it has. */
  ensure(name: string, groups: readonly string[]): Promise<Agent>;
  find(id: number): Promise<Agent | null>;
  /** Every agent, by name. */
  list(): Promise<Agent[]>;
}

/** An agent's display name: what `--agent` takes (one line, at most 100 characters). */
export const isAgentName = (name: string): boolean =>
  name.length >= 1 && name.length <= 100 && ![...name].some((c) => c < ' ' || c === '\u007f');
/** A group name: what `--group`, assignment to a group and the `group:<name>` view take. */
export const GROUP_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
