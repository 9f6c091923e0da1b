import type { Role } from '../../domain/roles.js';

/** Who is asking: resolved once per request from the session or API token. */
export interface Actor {
  kind: 'user';
  userId: number;
  name: string;
  email: string;
  role: Role;
  /** 'all' or the ids of services this user may see (for commissioners: the services they commission). */
  services: 'all' | readonly number[];
  via: 'session' | 'token';
}

/** Privileged access for jobs and the command line; never created from a request. */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type AnyActor = Actor | SystemActor;

/** Explicit, greppable privileged context for CLI commands and background jobs. */
export function systemContext(name = 'system'): SystemActor {
  return { kind: 'system', name };
}
