// What the page keeps on this device (localStorage): its own settings, the last plan and the last live session.
// The journal itself lives on the server; this is only what the page needs to come back where it was.
import type { Profile, Routine, Settings } from './api';

export interface Prefs extends Settings {
  voiceName: string; // a speechSynthesis voice name, "" for the default
  vibrate: boolean;
  emergencyNumber: string; // dialled by the stop screen's call button; 112 works in most countries
  pauseWhenHidden: boolean; // the player pauses the session when the page is hidden (the phone locks, another app)
}

export const defaultEmergencyNumber = '112';
const defaults: Prefs = { breaths_per_minute: 6, voice: true, units: 'metric', voiceName: '', vibrate: true, emergencyNumber: defaultEmergencyNumber, pauseWhenHidden: true };

function read<T>(key: string): T | null {
  try {
    const s = localStorage.getItem(key);
    return s ? (JSON.parse(s) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the page still works, it only forgets.
  }
}

export const loadPrefs = (): Prefs => ({ ...defaults, ...(read<Partial<Prefs>>('smr.prefs') ?? {}) });
export const savePrefs = (p: Prefs) => write('smr.prefs', p);

// The screening answers, kept so that the page knows onboarding is done even when the server lacks /api/profile.
export const loadProfile = () => read<Profile>('smr.profile');
export const saveProfile = (p: Profile) => write('smr.profile', p);

export const loadRoutine = () => read<Routine>('smr.routine');
export const saveRoutine = (r: Routine | null) => write('smr.routine', r);
