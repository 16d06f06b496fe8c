// Settings, "Devices": pair another device (a new one-time code, its URL and QR code, which the server draws as
// SVG) and the paired devices with Revoke (docs/pairing.md). Available on the computer that runs SMR Coach and
// on a paired device.
import { useState } from 'preact/hooks';
import * as api from '../api';
import { ErrorState } from './ErrorState';
import { useApi } from './useApi';

function when(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toLocaleString();
}

export function PairDevices() {
  const [devices, reload] = useApi(api.listDevices);
  const [code, setCode] = useState<api.PairingCode | null>(null);
  const [error, setError] = useState<api.ApiError | null>(null);

  const pairAnother = async () => {
    setError(null);
    const r = await api.newPairingCode();
    if (r.ok) setCode(r.data);
    else setError(r.error);
  };
  const revoke = async (d: api.Device) => {
    if (!confirm(`Remove ${d.name}? It can no longer use SMR Coach until it is paired again.`)) return;
    const r = await api.revokeDevice(d.id);
    if (!r.ok) setError(r.error);
    reload();
  };

  return (
    <fieldset data-testid="pair-devices">
      <legend>Devices</legend>
      <p>A phone or tablet on the same network can use SMR Coach once it is paired (the server must run with <code>smr serve --lan</code>).</p>
      <button type="button" onClick={pairAnother} data-testid="pair-another">
        Pair another device
      </button>
      {code && (
        <div class="pairing-code" data-testid="pairing-code">
          <p>
            On the other device, scan the code or open the address. Pairing code: <strong>{code.code}</strong> (works once, for 10 minutes).
          </p>
          {code.urls.map((u) => (
            <figure key={u.url}>
              <img width={200} height={200} alt={`QR code of ${u.url}`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(u.qr_svg)}`} />
              <figcaption>
                <code>{u.url}</code>
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      {devices && !devices.ok && <ErrorState error={devices.error} what="Devices" onRetry={reload} />}
      {devices && devices.ok && (
        <ul class="devices">
          {devices.data.devices.length === 0 && <li class="muted">No device is paired.</li>}
          {devices.data.devices.map((d) => (
            <li key={d.id}>
              <strong>{d.name}</strong>
              {d.this_device && ' (this device)'} — paired {when(d.created_ms)}, last used {when(d.last_used_ms)}
              {d.revoked_ms !== null ? (
                <span>, removed {when(d.revoked_ms)}</span>
              ) : (
                <button type="button" onClick={() => revoke(d)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorState error={error} what="Pairing" />}
    </fieldset>
  );
}
