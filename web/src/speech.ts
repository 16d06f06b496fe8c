// Spoken cues (Web Speech API) and vibration, both optional: a browser without them simply stays silent.
import { loadPrefs } from './prefs';

// Browsers speak and vibrate only for a page the person has tapped (user activation): the player's session starts
// with a tap on the plan page; after a reload, cues stay silent until the next tap rather than log errors.
const activated = () => (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive !== false;

export const canSpeak = () => typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';

export function speak(text: string): void {
  const prefs = loadPrefs();
  if (!prefs.voice || !text || !canSpeak() || !activated()) return;
  const u = new SpeechSynthesisUtterance(text);
  const voice = speechSynthesis.getVoices().find((v) => v.name === prefs.voiceName);
  if (voice) u.voice = voice;
  u.rate = 0.95;
  speechSynthesis.speak(u);
}

export function hush(): void {
  if (canSpeak()) speechSynthesis.cancel();
}

export function buzz(pattern: number | number[]): void {
  if (loadPrefs().vibrate && typeof navigator.vibrate === 'function' && activated()) navigator.vibrate(pattern);
}
