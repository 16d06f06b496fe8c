// Settings: breathing pace, voice, units (kept on this device, and on the server when it has /api/settings),
// and the journal's export and import.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api';
import { CapabilityNotice } from '../components/CapabilityNotice';
import { ErrorState } from '../components/ErrorState';
import { AccountSettings } from '../components/AccountSettings';
import { PairDevices } from '../components/PairDevices';
import { defaultEmergencyNumber, loadPrefs, savePrefs, type Prefs } from '../prefs';
import { canSpeak, speak } from '../speech';

export function Settings() {
  const [prefs, setPrefs] = useState<Prefs>(loadPrefs);
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<api.ApiError | null>(null);

  useEffect(() => {
    api.getSettings().then((r) => {
      if (!r.ok) return;
      const { breaths_per_minute, voice, units } = r.data;
      setPrefs((p) => {
        const next = { ...p, breaths_per_minute, voice, units };
        savePrefs(next);
        return next;
      });
    });
    if (!canSpeak()) return;
    const load = () => setVoices(speechSynthesis.getVoices());
    load();
    speechSynthesis.addEventListener('voiceschanged', load);
    return () => speechSynthesis.removeEventListener('voiceschanged', load);
  }, []);

  const update = (patch: Partial<Prefs>) => {
    const next = { ...prefs, ...patch };
    setPrefs(next);
    savePrefs(next);
    api.putSettings({ breaths_per_minute: next.breaths_per_minute, voice: next.voice, units: next.units }).then((r) => {
      setStatus(r.ok ? 'Saved.' : 'Saved on this device.');
      if (!r.ok && !r.error.missing) setError(r.error);
    });
  };

  const doExport = async () => {
    setError(null);
    const r = await api.exportJournal();
    if (!r.ok) return setError(r.error);
    const url = URL.createObjectURL(new Blob([JSON.stringify(r.data, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `smr-journal-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setStatus('Journal exported.');
  };

  // Everything this browser keeps for SMR Coach: its settings and last plan (localStorage), the offline copies
  // (Cache Storage) and the service worker. The journal on the server is not touched.
  const forgetDevice = async () => {
    if (!window.confirm('Forget this device? This browser’s saved settings, last plan and offline copies are deleted. Your journal on the server stays.')) return;
    try {
      localStorage.clear();
      sessionStorage.clear();
    } catch {
      // Private mode: nothing was kept.
    }
    if ('caches' in window) {
      for (const key of await caches.keys()) await caches.delete(key);
    }
    if ('serviceWorker' in navigator) {
      for (const reg of await navigator.serviceWorker.getRegistrations()) await reg.unregister();
    }
    setStatus('This device has forgotten everything it kept. Reload to start again.');
  };

  const doImport = async (e: Event) => {
    setError(null);
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    let journal: unknown;
    try {
      journal = JSON.parse(await file.text());
    } catch {
      setStatus('That file is not a journal (it is not JSON).');
      return;
    }
    const r = await api.importJournal(journal);
    if (r.ok) setStatus(`Journal imported: ${r.data.added} new record${r.data.added === 1 ? '' : 's'}, ${r.data.present} already here.`);
    else setError(r.error);
  };

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <CapabilityNotice />
      <fieldset>
        <legend>Breathing pace</legend>
        <label class="field" for="bpm">
          {prefs.breaths_per_minute} breaths a minute
        </label>
        <input id="bpm" type="range" min={4} max={10} step={1} value={prefs.breaths_per_minute} onChange={(e) => update({ breaths_per_minute: Number((e.target as HTMLInputElement).value) })} />
        <p class="muted">Slow, deep belly breathing helps you relax into the pressure; 6 a minute suits most people.</p>
      </fieldset>
      <fieldset>
        <legend>Voice and vibration</legend>
        <label class="choice">
          <input type="checkbox" checked={prefs.voice} onChange={() => update({ voice: !prefs.voice })} disabled={!canSpeak()} />
          <span>Speak the cues{canSpeak() ? '' : ' (this browser cannot speak)'}</span>
        </label>
        {voices.length > 0 && (
          <label class="field">
            Voice
            <select value={prefs.voiceName} onChange={(e) => update({ voiceName: (e.target as HTMLSelectElement).value })}>
              <option value="">The browser's default</option>
              {voices.map((v) => (
                <option key={v.name} value={v.name}>
                  {v.name} ({v.lang})
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => speak('Breathe in slowly through your nose, and let it out.')} disabled={!canSpeak() || !prefs.voice}>
          Try the voice
        </button>
        <label class="choice">
          <input type="checkbox" checked={prefs.vibrate} onChange={() => update({ vibrate: !prefs.vibrate })} />
          <span>Vibrate at phase changes (where the phone can)</span>
        </label>
        <label class="choice">
          <input type="checkbox" checked={prefs.pauseWhenHidden} onChange={() => update({ pauseWhenHidden: !prefs.pauseWhenHidden })} data-testid="pause-when-hidden" />
          <span>Pause the session when the screen turns off or you switch to another app</span>
        </label>
      </fieldset>
      <fieldset>
        <legend>Units</legend>
        {(['metric', 'imperial'] as const).map((u) => (
          <label class="choice" key={u}>
            <input type="radio" name="units" checked={prefs.units === u} onChange={() => update({ units: u })} />
            <span>{u === 'metric' ? 'Centimetres' : 'Inches'}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Emergency number</legend>
        <label class="field" for="emergency-number">
          The number the stop screen calls
        </label>
        <input
          id="emergency-number"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={prefs.emergencyNumber}
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).value.replace(/[^0-9+*#]/g, '');
            update({ emergencyNumber: v || defaultEmergencyNumber });
          }}
        />
        <p class="muted">112 works in most countries (all of Europe, and from most mobile phones elsewhere). Put your local number here if it is another one (911, 999, 000…).</p>
      </fieldset>
      <fieldset>
        <legend>Your journal</legend>
        <p>Keep a copy of everything (sessions, check-ins, self-tests), or bring one back.</p>
        <div class="row">
          <button type="button" onClick={doExport}>
            Export
          </button>
          <label class="button" for="import-file">
            Import…
          </label>
          <input id="import-file" class="sr-only" type="file" accept="application/json,.json" onChange={doImport} />
        </div>
      </fieldset>
      <AccountSettings />
      <PairDevices />
      <fieldset>
        <legend>This device</legend>
        <p>Forget what this browser keeps for SMR Coach (settings, the last plan, offline copies). The journal stays on the server.</p>
        <button type="button" data-testid="forget-device" onClick={forgetDevice}>
          Forget this device
        </button>
      </fieldset>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {error && <ErrorState error={error} what="Journal" />}
    </section>
  );
}
