import { canSpeak } from '../speech';

// What this browser cannot do for a session here, and what to do about it (issue 18 item 3): never a silent
// failure. The screen wake lock and the service worker exist only in a secure context (https, or this machine's
// own http://127.0.0.1), so a phone on a plain http:// LAN address gets one message that covers both.

export interface Missing {
  id: 'insecure' | 'offline' | 'wake-lock' | 'wake-lock-refused' | 'speech';
  text: string;
}

export interface Environment {
  secure: boolean;
  serviceWorker: boolean;
  wakeLock: boolean;
  speech: boolean;
}

export const currentEnvironment = (): Environment => ({
  secure: window.isSecureContext,
  serviceWorker: 'serviceWorker' in navigator,
  wakeLock: 'wakeLock' in navigator,
  speech: canSpeak(),
});

export function missingCapabilities(env: Environment, wakeLockError?: string | null): Missing[] {
  const out: Missing[] = [];
  if (!env.secure) {
    out.push({
      id: 'insecure',
      text:
        'This page was opened over plain http, so the browser will not keep the screen awake during a hold, work offline or install the app. ' +
        'Open the https address that smr serve --lan printed (it starts with https://); its /trust page explains how to trust it once on this device.',
    });
  } else {
    if (!env.serviceWorker) out.push({ id: 'offline', text: 'This browser cannot keep the app for offline use: the computer running SMR Coach must stay reachable during a session.' });
    if (!env.wakeLock) out.push({ id: 'wake-lock', text: 'This browser cannot keep the screen awake: set a longer screen timeout for the session, or tap the screen between holds.' });
    else if (wakeLockError) out.push({ id: 'wake-lock-refused', text: `The screen could not be kept awake (${wakeLockError}): set a longer screen timeout for the session, or tap the screen between holds.` });
  }
  if (!env.speech) out.push({ id: 'speech', text: 'This browser cannot speak the cues: they are shown on the screen only, so keep it in view.' });
  return out;
}

export function CapabilityNotice({ wakeLockError }: { wakeLockError?: string | null }) {
  const missing = missingCapabilities(currentEnvironment(), wakeLockError);
  if (missing.length === 0) return null;
  return (
    <div class="alert clearance" role="status" data-testid="capabilities">
      <ul>
        {missing.map((m) => (
          <li key={m.id} data-missing={m.id}>
            {m.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
