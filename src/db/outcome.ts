import type { StateChange } from '../shared/messages';

/**
 * What a committed write answers, and which papers it changed. The background tells every tab
 * about `changes`; the db layer itself never touches browser APIs.
 */
export interface WriteOutcome<T> {
  value: T;
  changes: StateChange[];
}
