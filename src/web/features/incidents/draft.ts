import type { IncidentDraft } from './formSchema.js';

/** An unsent incident kept on this device, so a dropped connection or a closed tab loses nothing. */
export interface SavedDraft {
  savedAt: string;
  values: IncidentDraft;
}

const keyFor = (userId: number) => `lantern.incident-draft.${userId}`;

export function loadDraft(userId: number): SavedDraft | null {
  try {
    const text = window.localStorage.getItem(keyFor(userId));
    if (!text) return null;
    const draft = JSON.parse(text) as Partial<SavedDraft>;
    if (typeof draft.savedAt !== 'string' || !draft.values || typeof draft.values !== 'object') return null;
    return { savedAt: draft.savedAt, values: draft.values };
  } catch {
    return null;
  }
}

export function saveDraft(userId: number, values: IncidentDraft): boolean {
  try {
    window.localStorage.setItem(keyFor(userId), JSON.stringify({ savedAt: new Date().toISOString(), values }));
    return true;
  } catch {
    // Storage full or turned off: the form still works, it just cannot be restored.
    return false;
  }
}

/** Whether anyone's unsent incident is kept on this device (before sign-in, when it is not yet known whose). */
export function isAnyDraftKept(): boolean {
  try {
    return Object.keys(window.localStorage).some((k) => k.startsWith('lantern.incident-draft.'));
  } catch {
    return false;
  }
}

export function hasDraft(userId: number): boolean {
  return loadDraft(userId) !== null;
}

export function clearDraft(userId: number): void {
  try {
    window.localStorage.removeItem(keyFor(userId));
  } catch {
    // Nothing to do.
  }
}
